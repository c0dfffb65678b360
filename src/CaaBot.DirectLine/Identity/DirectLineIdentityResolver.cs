using System.Security.Cryptography;
using System.Text;
using CaaBot.DirectLine.Configuration;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CaaBot.DirectLine.Identity;

/// <summary>
/// Decides who asks for a token. Strongest first: the Direct Line secret (a trusted server may name the user), an
/// OpenID Connect id token in the Authorization header, the reverse proxy's trusted header, and finally a random
/// anonymous id, which only Development or <c>CaaBot:DirectLine:AllowAnonymous</c> allow. A page never picks its id.
/// </summary>
public sealed class DirectLineIdentityResolver(IOptions<DirectLineOptions> options, IHostEnvironment environment, IServiceProvider services)
{
    private readonly DirectLineOptions _options = options.Value;

    public bool AnonymousAllowed { get; } = options.Value.AllowAnonymous || environment.IsDevelopment();

    /// <summary>True when <paramref name="bearer"/> is the configured secret (compared in constant time).</summary>
    public bool IsSecret(string? bearer) =>
        !string.IsNullOrEmpty(_options.Secret) && bearer is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(bearer), Encoding.UTF8.GetBytes(_options.Secret));

    /// <summary>The identity of a page's request, or null when nobody vouches and anonymous access is off.</summary>
    public async Task<DirectLineIdentity?> ResolveAsync(HttpRequest request, string? bearer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (bearer is { Length: > 0 })
        {
            // A presented credential must be valid: a bad id token is refused, not downgraded to anonymous.
            return services.GetService(typeof(OidcIdTokenValidator)) is OidcIdTokenValidator validator
                && await validator.ValidateAsync(bearer, cancellationToken) is { } claims
                ? FromOidc(claims)
                : null;
        }

        if (_options.TrustedUserHeader is { Length: > 0 } header
            && request.Headers[header].ToString().Trim() is { Length: > 0 and <= 512 } vouched)
        {
            return new DirectLineIdentity($"hdr:{Hash(vouched.ToUpperInvariant())}", vouched, DirectLineIdentitySource.TrustedHeader);
        }

        return AnonymousAllowed
            ? new DirectLineIdentity($"dl_{RandomNumberGenerator.GetHexString(24, lowercase: true)}", null, DirectLineIdentitySource.Anonymous)
            : null;
    }

    /// <summary>A user the secret holder named, or a random one when it named nobody.</summary>
    public static DirectLineIdentity FromSecret(string? requestedUserId, string? requestedName) =>
        requestedUserId is { Length: > 0 and <= 256 } id
            ? new DirectLineIdentity(id, requestedName, DirectLineIdentitySource.Secret)
            : new DirectLineIdentity($"dl_{RandomNumberGenerator.GetHexString(24, lowercase: true)}", requestedName, DirectLineIdentitySource.Secret);

    private static DirectLineIdentity FromOidc(System.Security.Claims.ClaimsIdentity claims)
    {
        var name = claims.FindFirst("name")?.Value ?? claims.FindFirst("preferred_username")?.Value;
        var userId = claims.FindFirst("oid")?.Value is { Length: > 0 } oid
            ? $"aad:{oid}"
            : $"oidc:{Hash($"{claims.FindFirst("iss")?.Value}|{claims.FindFirst("sub")?.Value}")}";
        return new DirectLineIdentity(userId, name, DirectLineIdentitySource.OpenIdConnect);
    }

    private static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..32];
}
