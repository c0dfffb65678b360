using Microsoft.Extensions.Logging;

namespace CaaBot.Helpdesk.Incidents;

/// <summary>Log lines of incident detection. Event ids 5600–5619. Codes, ticket numbers and counts only.</summary>
internal static partial class IncidentLog
{
    [LoggerMessage(EventId = 5600, Level = LogLevel.Warning, Message = "Incident {Number} opened: {Count} escalations of {Code} within {Window}")]
    public static partial void Opened(ILogger logger, string number, string code, int count, TimeSpan window);

    [LoggerMessage(EventId = 5601, Level = LogLevel.Information, Message = "Incident {Number} ({Code}) resolved with {Affected} affected people linked")]
    public static partial void Resolved(ILogger logger, string number, string code, int affected);

    [LoggerMessage(EventId = 5602, Level = LogLevel.Warning, Message = "Incident stream {Stream}: entry {Sequence} is unreadable and skipped")]
    public static partial void UnreadableEntry(ILogger logger, Exception exception, string stream, long sequence);
}
