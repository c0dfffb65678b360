namespace CaaBot.Web.HelpdeskConsole.Authentication;

/// <summary>The console's authentication schemes: its own, so nothing else in the host (the bot's channel and Direct Line tokens) is touched.</summary>
public static class HelpdeskConsoleSchemes
{
    /// <summary>The session cookie every signed-in agent carries, whichever way they signed in.</summary>
    public const string Cookie = "HelpdeskConsole";

    /// <summary>The OpenID Connect handler; registered only when it is configured.</summary>
    public const string Oidc = "HelpdeskConsoleOidc";
}
