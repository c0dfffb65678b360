using System.Collections;
using System.Text.Json;
using CaaBot.Protocol.Schema;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace CaaBot.Protocol.Authentication;

/// <summary>
/// Validates inbound channel tokens before any bot code runs. The (unverified) issuer picks the path, and anything
/// else is refused before a key is fetched:
/// <list type="bullet">
/// <item>Bot Framework channel tokens (Teams, Direct Line, Web Chat…): RS256/384/512 signature by a key from the Bot
/// Framework's OpenID metadata, issuer, audience (the app id), lifetime with skew, the signing key's endorsement of the
/// activity's channel, and the <c>serviceurl</c> claim equal to the activity's.</item>
/// <item>Bot Framework Emulator tokens, only when <see cref="ChannelAuthenticationOptions.AllowEmulatorTokens"/> is on:
/// Entra issuers and keys, audience, lifetime, and the calling app (<c>appid</c> for <c>ver</c> 1.0, <c>azp</c> for 2.0)
/// must be the bot itself, so another bot's (skill) token is refused.</item>
/// </list>
/// A key the cached metadata does not know triggers one refresh. With a tenant allow-list, other tenants get 403.
/// </summary>
public sealed class BotFrameworkTokenValidator(
    ChannelAuthenticationOptions options,
    IConfigurationManager<OpenIdConnectConfiguration> metadata,
    TimeProvider timeProvider,
    IConfigurationManager<OpenIdConnectConfiguration>? emulatorMetadata = null) : IChannelTokenValidator
{
    private const string BearerPrefix = "Bearer ";
    private const string ServiceUrlClaim = "serviceurl";
    private const string EndorsementsProperty = "endorsements";

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

        string issuer;
        try
        {
            issuer = _handler.ReadJsonWebToken(token).Issuer;
        }
        catch (ArgumentException)
        {
            return ChannelAuthenticationResult.Unauthorized("The bearer token is not a readable JWT.");
        }

        var verdict = options.ValidIssuers.Contains(issuer, StringComparer.Ordinal)
            ? await ValidateChannelTokenAsync(token, activity, cancellationToken)
            : options.AllowEmulatorTokens && emulatorMetadata is not null && options.EmulatorIssuers.Contains(issuer, StringComparer.Ordinal)
                ? await ValidateEmulatorTokenAsync(token, emulatorMetadata, cancellationToken)
                : ChannelAuthenticationResult.Unauthorized("The token's issuer is not accepted.");
        return verdict.IsAuthenticated ? CheckTenant(activity) : verdict;
    }

    private async Task<ChannelAuthenticationResult> ValidateChannelTokenAsync(string token, Activity activity, CancellationToken cancellationToken)
    {
        var (result, configuration) = await ValidateSignatureAndClaimsAsync(token, metadata, options.ValidIssuers, cancellationToken);
        if (!result.IsValid)
        {
            return ChannelAuthenticationResult.Unauthorized($"Token refused: {result.Exception?.GetType().Name ?? "invalid"}.");
        }

        if (!string.IsNullOrEmpty(activity.ChannelId)
            && !EndorsementsOf(configuration!, ((JsonWebToken)result.SecurityToken).Kid).Contains(activity.ChannelId, StringComparer.OrdinalIgnoreCase))
        {
            return ChannelAuthenticationResult.Forbidden("The signing key is not endorsed for the activity's channel.");
        }

        var claimed = result.ClaimsIdentity?.FindFirst(ServiceUrlClaim)?.Value;
        if (claimed is null)
        {
            return ChannelAuthenticationResult.Unauthorized("The channel token has no serviceurl claim.");
        }

        return string.Equals(claimed.TrimEnd('/'), activity.ServiceUrl?.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)
            ? ChannelAuthenticationResult.Success
            : ChannelAuthenticationResult.Forbidden("The token's serviceurl claim does not match the activity's serviceUrl.");
    }

    private async Task<ChannelAuthenticationResult> ValidateEmulatorTokenAsync(
        string token, IConfigurationManager<OpenIdConnectConfiguration> entraMetadata, CancellationToken cancellationToken)
    {
        var (result, _) = await ValidateSignatureAndClaimsAsync(token, entraMetadata, options.EmulatorIssuers, cancellationToken);
        if (!result.IsValid)
        {
            return ChannelAuthenticationResult.Unauthorized($"Emulator token refused: {result.Exception?.GetType().Name ?? "invalid"}.");
        }

        var identity = result.ClaimsIdentity;
        var callerClaim = identity?.FindFirst("ver")?.Value switch
        {
            null or "1.0" => "appid",
            "2.0" => "azp",
            _ => null,
        };
        if (callerClaim is null)
        {
            return ChannelAuthenticationResult.Unauthorized("The Emulator token has an unknown version.");
        }

        // The Emulator signs in as the bot itself; a token another app obtained for this bot is a skill call, not accepted.
        return string.Equals(identity?.FindFirst(callerClaim)?.Value, options.AppId, StringComparison.OrdinalIgnoreCase)
            ? ChannelAuthenticationResult.Success
            : ChannelAuthenticationResult.Unauthorized("The token was obtained by another app.");
    }

    private async Task<(TokenValidationResult Result, OpenIdConnectConfiguration? Configuration)> ValidateSignatureAndClaimsAsync(
        string token, IConfigurationManager<OpenIdConnectConfiguration> keys, IReadOnlyList<string> issuers, CancellationToken cancellationToken)
    {
        var (result, configuration) = await ValidateOnceAsync(token, keys, issuers, cancellationToken);
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // Keys roll over: a token from a key we have not seen yet earns one refetch, no more.
            keys.RequestRefresh();
            (result, configuration) = await ValidateOnceAsync(token, keys, issuers, cancellationToken);
        }

        return (result, configuration);
    }

    private async Task<(TokenValidationResult Result, OpenIdConnectConfiguration? Configuration)> ValidateOnceAsync(
        string token, IConfigurationManager<OpenIdConnectConfiguration> keys, IReadOnlyList<string> issuers, CancellationToken cancellationToken)
    {
        OpenIdConnectConfiguration configuration;
        try
        {
            configuration = await keys.GetConfigurationAsync(cancellationToken);
        }
        catch (InvalidOperationException exception)
        {
            // Unreachable metadata must refuse the request, not let it through.
            return (new TokenValidationResult { IsValid = false, Exception = exception }, null);
        }

        var parameters = new TokenValidationParameters
        {
            ValidIssuers = issuers,
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
        return (await _handler.ValidateTokenAsync(token, parameters), configuration);
    }

    private bool ValidateLifetimeWithClock(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        return expires is { } notAfter
            && now <= notAfter.ToUniversalTime() + options.ClockSkew
            && (notBefore is not { } start || now >= start.ToUniversalTime() - options.ClockSkew);
    }

    /// <summary>The channels the metadata says the key <paramref name="keyId"/> may sign for (none when it says nothing).</summary>
    private static IReadOnlyList<string> EndorsementsOf(OpenIdConnectConfiguration configuration, string keyId)
    {
        var key = configuration.JsonWebKeySet?.Keys.FirstOrDefault(candidate => candidate.Kid == keyId)
            ?? configuration.SigningKeys.OfType<JsonWebKey>().FirstOrDefault(candidate => candidate.Kid == keyId);
        if (key is null || !key.AdditionalData.TryGetValue(EndorsementsProperty, out var value))
        {
            return [];
        }

        return value switch
        {
            JsonElement { ValueKind: JsonValueKind.Array } array => [.. array.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.String).Select(item => item.GetString()!)],
            string single => [single],
            IEnumerable items => [.. items.OfType<object>().Select(item => item is JsonElement { ValueKind: JsonValueKind.String } element ? element.GetString() : item as string).OfType<string>()],
            _ => [],
        };
    }

    private ChannelAuthenticationResult CheckTenant(Activity activity)
    {
        if (options.AllowedTenantIds.Count == 0)
        {
            return ChannelAuthenticationResult.Success;
        }

        var tenant = activity.Conversation?.TenantId ?? TenantInChannelData(activity.ChannelData);
        return tenant is not null && options.AllowedTenantIds.Contains(tenant, StringComparer.OrdinalIgnoreCase)
            ? ChannelAuthenticationResult.Success
            : ChannelAuthenticationResult.Forbidden("The activity's tenant is not on the allow-list.");
    }

    private static string? TenantInChannelData(JsonElement? channelData) =>
        channelData is { ValueKind: JsonValueKind.Object } data
        && data.TryGetProperty("tenant", out var tenant) && tenant.ValueKind == JsonValueKind.Object
        && tenant.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()
            : null;
}
