namespace CaaBot.Web.HelpdeskConsole.LiveChat;

/// <summary>Log lines of the console's live chat. Event ids 1400–1419.</summary>
internal static partial class LiveChatConsoleLog
{
    [LoggerMessage(EventId = 1400, Level = LogLevel.Warning, Message = "Console event stream for agent {AgentId} failed")]
    public static partial void EventStreamFailed(ILogger logger, Exception exception, string agentId);
}
