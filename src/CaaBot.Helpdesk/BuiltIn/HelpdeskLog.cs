using Microsoft.Extensions.Logging;

namespace CaaBot.Helpdesk.BuiltIn;

/// <summary>
/// Log lines of the built-in queue. Event ids 5000–5099. Only ticket numbers, request ids and field names are
/// logged: never the user's words, name or contact details.
/// </summary>
internal static partial class HelpdeskLog
{
    [LoggerMessage(EventId = 5000, Level = LogLevel.Information, Message = "Ticket {Number} created for request {RequestId}")]
    public static partial void TicketCreated(ILogger logger, string number, string requestId);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Request {RequestId} was submitted before; returning its ticket {Number}")]
    public static partial void ExistingTicketReturned(ILogger logger, string requestId, string number);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Request {RequestId}: finishing ticket {Number} that an earlier, interrupted submit started")]
    public static partial void InterruptedSubmitCompleted(ILogger logger, string requestId, string number);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Debug, Message = "Request {RequestId}: number {Number} went unused because another submit of the same request numbered it first")]
    public static partial void NumberUnused(ILogger logger, string requestId, string number);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Information, Message = "Request {RequestId}: fields shortened to fit the ticket: {Fields}")]
    public static partial void RequestShortened(ILogger logger, string requestId, string fields);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Warning, Message = "Ticket {Number} could not be read; it is left out")]
    public static partial void UnreadableTicket(ILogger logger, Exception exception, string number);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Warning, Message = "Entry {Sequence} of the created-tickets stream could not be read; it is left out")]
    public static partial void UnreadableStreamEntry(ILogger logger, Exception exception, long sequence);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Warning, Message = "Ticket {Number} is on the created-tickets stream but its document is missing; it is left out")]
    public static partial void ListedTicketMissing(ILogger logger, string number);
}
