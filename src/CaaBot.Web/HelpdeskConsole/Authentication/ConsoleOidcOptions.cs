namespace CaaBot.Web.HelpdeskConsole.Authentication;

/// <summary>The <c>CaaBot:Helpdesk:Console:Oidc</c> section: sign-in with the organisation's OpenID Connect provider.</summary>
public sealed class ConsoleOidcOptions
{
    /// <summary>The issuer, e.g. <c>https://login.microsoftonline.com/{tenant}/v2.0</c>; plain http only on a loopback address.</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>Shown on the sign-in button ("Sign in with …"); the authority's host when empty.</summary>
    public string? ProviderName { get; set; }

    /// <summary>When set, only users whose <c>groups</c> claim holds one of these ids may sign in.</summary>
    public List<string> AllowedGroups { get; set; } = [];

    /// <summary>When set, only users whose <c>roles</c> claim holds this app role may sign in.</summary>
    public string? RequiredRole { get; set; }

    /// <summary>The claim the agent's display name comes from; then <c>preferred_username</c>, <c>email</c>, <c>sub</c>.</summary>
    public string DisplayNameClaim { get; set; } = "name";

    public bool IsConfigured =>
        !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret);

    public string ButtonName =>
        !string.IsNullOrWhiteSpace(ProviderName) ? ProviderName
        : Uri.TryCreate(Authority, UriKind.Absolute, out var authority) ? authority.Host
        : "single sign-on";
}
