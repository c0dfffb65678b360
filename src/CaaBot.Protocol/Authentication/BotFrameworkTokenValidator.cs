using System.Security.Claims;
using CaaBot.Protocol.Schema;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace CaaBot.Protocol.Authentication;

/// <summary>
/// Validates Bot Framework channel tokens: RS256 signature by a key from the OpenID metadata,
/// issuer, audience (the app id), lifetime with skew, and the <c>serviceurl</c> claim against the
/// activity. A token signed by a key the cached metadata does not know triggers one metadata refresh.
/// </summary>
public sealed class BotFrameworkTokenValidator(
    ChannelAuthenticationOptions options,
    IConfigurationManager<OpenIdConnectConfiguration> metadata,
    TimeProvider timeProvider) : IChannelTokenValidator
{
    private const string BearerPrefix = "Bearer ";
    private const string ServiceUrlClaim = "serviceurl";

    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public async Task<ChannelAuthenticationResult> ValidateAsync(string? authorizationHeader, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (authorizationHeader is null || !authorizationHeader.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return ChannelAuthenticationResult.Unauthorized("The Authorization header is missing or not a Bearer token.");
        }

        var token = authorizationHeader[BearerPrefix.Length..].Trim();
        if (!_handler.CanReadToken(token))
        {
            return ChannelAuthenticationResult.Unauthorized("The bearer token is not a JWT.");
        }

        var result = await ValidateSignatureAndClaimsAsync(token, cancellationToken);
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // Keys roll over: a token from a key we have not seen yet earns one refetch, no more.
            metadata.RequestRefresh();
            result = await ValidateSignatureAndClaimsAsync(token, cancellationToken);
        }

        if (!result.IsValid)
        {
            return ChannelAuthenticationResult.Unauthorized($"Token refused: {result.Exception?.GetType().Name ?? "invalid"}.");
        }

        return ServiceUrlMatches(result.ClaimsIdentity, activity.ServiceUrl)
            ? ChannelAuthenticationResult.Success
            : ChannelAuthenticationResult.Forbidden("The token's serviceurl claim does not match the activity's serviceUrl.");
    }

    private async Task<TokenValidationResult> ValidateSignatureAndClaimsAsync(string token, CancellationToken cancellationToken)
    {
        OpenIdConnectConfiguration configuration;
        try
        {
            configuration = await metadata.GetConfigurationAsync(cancellationToken);
        }
        catch (InvalidOperationException exception)
        {
            // Unreachable metadata must refuse the request, not let it through.
            return new TokenValidationResult { IsValid = false, Exception = exception };
        }

        var parameters = new TokenValidationParameters
        {
            ValidIssuers = options.ValidIssuers,
            ValidAudience = options.AppId,
            IssuerSigningKeys = configuration.SigningKeys,
            ValidAlgorithms = options.ValidAlgorithms,
            ClockSkew = options.ClockSkew,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateIssuerSigningKey = true,
            ValidateLifetime = true,
            LifetimeValidator = ValidateLifetimeWithClock,
            TryAllIssuerSigningKeys = false,
        };
        return await _handler.ValidateTokenAsync(token, parameters);
    }

    private bool ValidateLifetimeWithClock(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        return expires is { } notAfter
            && now <= notAfter.ToUniversalTime() + options.ClockSkew
            && (notBefore is not { } start || now >= start.ToUniversalTime() - options.ClockSkew);
    }

    private static bool ServiceUrlMatches(ClaimsIdentity? identity, string? activityServiceUrl)
    {
        var claimed = identity?.FindFirst(ServiceUrlClaim)?.Value;
        // Channels that send no serviceurl claim (older tokens) are judged by signature and audience alone.
        return claimed is null || string.Equals(claimed.TrimEnd('/'), activityServiceUrl?.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
    }
}
