using CaaBot.Helpdesk.Handoff;
using Microsoft.Extensions.Logging;

namespace CaaBot.Bot.LiveChat.Teams;

/// <summary>Log lines of the Teams helpdesk channel. Event ids 5500–5519. Session ids, agent ids and kinds only: never what anybody typed.</summary>
internal static partial class TeamsHelpdeskLog
{
    [LoggerMessage(EventId = 5500, Level = LogLevel.Information, Message = "Live chat {SessionId}: escalation card posted to the helpdesk channel")]
    public static partial void CardPosted(ILogger logger, string sessionId);

    [LoggerMessage(EventId = 5501, Level = LogLevel.Error, Message = "Live chat {SessionId}: the helpdesk channel did not hear of {Kind}; the user's side goes on")]
    public static partial void ChannelFailed(ILogger logger, Exception exception, string sessionId, HandoffChangeKind kind);

    [LoggerMessage(EventId = 5502, Level = LogLevel.Information, Message = "Helpdesk agent {AgentId} is {Presence} in the Teams channel")]
    public static partial void Presence(ILogger logger, string agentId, string presence);

    [LoggerMessage(EventId = 5503, Level = LogLevel.Information, Message = "Live chat {SessionId}: {AgentId} refused ({Outcome}) in the helpdesk channel")]
    public static partial void Refused(ILogger logger, string sessionId, string agentId, HandoffOutcome outcome);
}
