using System.Security.Claims;

namespace CaaBot.Web.HelpdeskConsole.Authentication;

/// <summary>
/// The signed-in helpdesk agent, as the console's pages and APIs see them: <c>HelpdeskAgent.From(context.User)</c>
/// inside an endpoint that requires <see cref="HelpdeskConsolePolicy.Name"/>.
/// </summary>
/// <param name="Id">Stable across sessions: <c>local:{username}</c> or <c>oidc:{issuer}|{sub}</c>.</param>
public sealed record HelpdeskAgent(string Id, string DisplayName)
{
    /// <summary>The claim holding <see cref="Id"/>; only the console's own sign-in issues it.</summary>
    public const string IdClaim = "caabot:helpdesk-agent";

    public const string LocalPrefix = "local:";

    public const string OidcPrefix = "oidc:";

    /// <summary><c>local</c> or <c>oidc</c>.</summary>
    public string SignInMethod => Id.StartsWith(LocalPrefix, StringComparison.Ordinal) ? "local" : "oidc";

    public static HelpdeskAgent ForLocalAccount(string userName, string? displayName) =>
        new(LocalPrefix + userName.ToLowerInvariant(), string.IsNullOrWhiteSpace(displayName) ? userName : displayName);

    public static HelpdeskAgent ForOidcUser(string issuer, string subject, string displayName) =>
        new($"{OidcPrefix}{issuer}|{subject}", displayName);

    /// <summary>The agent <paramref name="principal"/> stands for, or null when it is not a signed-in agent.</summary>
    public static HelpdeskAgent? From(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var identity = principal.Identities.FirstOrDefault(candidate =>
            candidate.IsAuthenticated && candidate.AuthenticationType == HelpdeskConsoleSchemes.Cookie && candidate.HasClaim(claim => claim.Type == IdClaim));
        return identity?.FindFirst(IdClaim)?.Value is { Length: > 0 } id
            ? new HelpdeskAgent(id, identity.FindFirst(ClaimTypes.Name)?.Value ?? id)
            : null;
    }

    /// <summary>The cookie identity the console's sign-in issues for this agent.</summary>
    public ClaimsPrincipal ToPrincipal() =>
        new(new ClaimsIdentity([new Claim(IdClaim, Id), new Claim(ClaimTypes.Name, DisplayName)], HelpdeskConsoleSchemes.Cookie));
}
