namespace CaaBot.Web.HelpdeskConsole.Authentication;

/// <summary>Log lines of the console's sign-in. Event ids 5760–5769. User names and agent ids only: never a password or hash.</summary>
internal static partial class HelpdeskConsoleAuthenticationLog
{
    [LoggerMessage(EventId = 5760, Level = LogLevel.Warning, Message = "Helpdesk console: local development account {Outcome}; its user name and password are in {Path}")]
    public static partial void DevelopmentAccount(ILogger logger, string outcome, string path);

    [LoggerMessage(EventId = 5761, Level = LogLevel.Warning, Message = "Helpdesk console: sign-in is not configured (no local account and no OpenID Connect under {Section}); nobody can sign in")]
    public static partial void NotConfigured(ILogger logger, string section);

    [LoggerMessage(EventId = 5762, Level = LogLevel.Information, Message = "Helpdesk console: agent {AgentId} signed in ({Method})")]
    public static partial void SignedIn(ILogger logger, string agentId, string method);

    [LoggerMessage(EventId = 5763, Level = LogLevel.Warning, Message = "Helpdesk console: failed local sign-in for user name {UserName} from {Address}")]
    public static partial void SignInFailed(ILogger logger, string userName, string address);

    [LoggerMessage(EventId = 5764, Level = LogLevel.Warning, Message = "Helpdesk console: sign-in for user name {UserName} from {Address} throttled after repeated failures")]
    public static partial void SignInThrottled(ILogger logger, string userName, string address);

    [LoggerMessage(EventId = 5765, Level = LogLevel.Warning, Message = "Helpdesk console: OpenID Connect sign-in refused: {Reason}")]
    public static partial void OidcRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 5766, Level = LogLevel.Information, Message = "Helpdesk console: agent {AgentId} signed out")]
    public static partial void SignedOut(ILogger logger, string agentId);
}
