namespace CaaBot.Web.HelpdeskConsole;

/// <summary>
/// The one authorization policy every page and API of the helpdesk console (<c>/helpdesk</c>) requires: a signed-in
/// helpdesk agent (local account or the configured OpenID Connect provider), never an anonymous caller.
/// </summary>
public static class HelpdeskConsolePolicy
{
    public const string Name = "HelpdeskAgent";

    /// <summary>Where the console lives; its sign-in page is <c>{Prefix}/signin</c>.</summary>
    public const string Prefix = "/helpdesk";
}
