using Microsoft.Extensions.Logging;

namespace CaaBot.Helpdesk.Handoff;

/// <summary>Log lines of the live hand-off. Event ids 5400–5449. Session ids, agent ids and kinds only: never what anybody typed.</summary>
internal static partial class HandoffLog
{
    [LoggerMessage(EventId = 5400, Level = LogLevel.Information, Message = "Live chat {SessionId} requested for ticket {TicketNumber}")]
    public static partial void Requested(ILogger logger, string sessionId, string ticketNumber);

    [LoggerMessage(EventId = 5401, Level = LogLevel.Information, Message = "Live chat {SessionId} taken by {AgentId} ({Via})")]
    public static partial void Taken(ILogger logger, string sessionId, string agentId, AgentChannel via);

    [LoggerMessage(EventId = 5402, Level = LogLevel.Information, Message = "Live chat {SessionId} ended: {End}")]
    public static partial void Ended(ILogger logger, string sessionId, HandoffEnd end);

    [LoggerMessage(EventId = 5403, Level = LogLevel.Error, Message = "Live chat {SessionId}: an observer failed to hear of {Kind}")]
    public static partial void ObserverFailed(ILogger logger, Exception exception, string sessionId, HandoffChangeKind kind);
}
