using System.Security.Claims;
using CaaBot.DirectLine.Configuration;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace CaaBot.DirectLine.Identity;

/// <summary>
/// Validates OpenID Connect id tokens against the configured authority's published keys: signature, issuer,
/// audience and lifetime (on the injected clock). Unreachable metadata refuses the token.
/// </summary>
public sealed class OidcIdTokenValidator(DirectLineOidcOptions options, IConfigurationManager<OpenIdConnectConfiguration> metadata, TimeProvider timeProvider)
{
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public DirectLineOidcOptions Options => options;

    /// <summary>The token's claims when it is valid, otherwise null.</summary>
    public async Task<ClaimsIdentity?> ValidateAsync(string idToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        if (!options.IsConfigured || !_handler.CanReadToken(idToken))
        {
            return null;
        }

        var result = await ValidateOnceAsync(idToken, cancellationToken);
        if (result?.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            metadata.RequestRefresh();
            result = await ValidateOnceAsync(idToken, cancellationToken);
        }

        return result is { IsValid: true } ? result.ClaimsIdentity : null;
    }

    private async Task<TokenValidationResult?> ValidateOnceAsync(string idToken, CancellationToken cancellationToken)
    {
        OpenIdConnectConfiguration configuration;
        try
        {
            configuration = await metadata.GetConfigurationAsync(cancellationToken);
        }
        catch (InvalidOperationException)
        {
            return null;
        }

        return await _handler.ValidateTokenAsync(idToken, new TokenValidationParameters
        {
            ValidIssuer = string.IsNullOrEmpty(configuration.Issuer) ? options.Authority : configuration.Issuer,
            ValidAudience = options.Audience,
            IssuerSigningKeys = configuration.SigningKeys,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateIssuerSigningKey = true,
            ValidateLifetime = true,
            ClockSkew = ClockSkew,
            LifetimeValidator = (notBefore, expires, _, _) =>
            {
                var now = timeProvider.GetUtcNow().UtcDateTime;
                return expires is { } notAfter
                    && now <= notAfter.ToUniversalTime() + ClockSkew
                    && (notBefore is not { } start || now >= start.ToUniversalTime() - ClockSkew);
            },
        });
    }
}
