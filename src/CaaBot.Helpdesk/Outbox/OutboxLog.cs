using Microsoft.Extensions.Logging;

namespace CaaBot.Helpdesk.Outbox;

/// <summary>Log lines of the outbox and its workers. Event ids 5100–5199. Ticket numbers, connector names and the connectors' error messages only.</summary>
internal static partial class OutboxLog
{
    [LoggerMessage(EventId = 5100, Level = LogLevel.Information, Message = "Ticket {Number}: delivery to {Connector} recorded")]
    public static partial void Recorded(ILogger logger, string number, string connector);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Ticket {Number} delivered to {Connector} as {External} (attempt {Attempt})")]
    public static partial void Delivered(ILogger logger, string number, string connector, string external, int attempt);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Information, Message = "Ticket {Number}: {Connector} already had it from an earlier attempt, as {External}")]
    public static partial void FoundEarlier(ILogger logger, string number, string connector, string external);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Warning, Message = "Ticket {Number}: attempt {Attempt} to deliver to {Connector} failed, next at {NextAttemptAt:O}: {Error}")]
    public static partial void AttemptFailed(ILogger logger, string number, string connector, int attempt, DateTimeOffset nextAttemptAt, string error);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Error, Message = "Ticket {Number}: delivery to {Connector} given up after {Attempts} attempt(s); an admin must look at it (caabot helpdesk outbox): {Error}")]
    public static partial void GaveUp(ILogger logger, string number, string connector, int attempts, string error);

    [LoggerMessage(EventId = 5105, Level = LogLevel.Warning, Message = "Ticket {Number}: no ITicketUpdates is registered, so the user is not told about {Kind} from {Connector}")]
    public static partial void NoTicketUpdates(ILogger logger, string number, string kind, string connector);

    [LoggerMessage(EventId = 5106, Level = LogLevel.Warning, Message = "Ticket {Number}: telling the user about {Kind} from {Connector} failed (attempt {Attempt})")]
    public static partial void UpdateFailed(ILogger logger, Exception exception, string number, string kind, string connector, int attempt);

    [LoggerMessage(EventId = 5107, Level = LogLevel.Information, Message = "Ticket {Number}: {External} in {Connector} is now {SystemStatus} ({Status})")]
    public static partial void StatusChanged(ILogger logger, string number, string external, string connector, string systemStatus, string status);

    [LoggerMessage(EventId = 5108, Level = LogLevel.Warning, Message = "Ticket {Number}: reading the status of {External} from {Connector} failed: {Error}")]
    public static partial void StatusReadFailed(ILogger logger, string number, string external, string connector, string error);

    [LoggerMessage(EventId = 5109, Level = LogLevel.Error, Message = "The helpdesk {Worker} pass failed; trying again in {Interval}")]
    public static partial void WorkerPassFailed(ILogger logger, Exception exception, string worker, TimeSpan interval);

    [LoggerMessage(EventId = 5110, Level = LogLevel.Warning, Message = "Outbox entry {Key} could not be read; it is left out")]
    public static partial void UnreadableEntry(ILogger logger, Exception exception, string key);

    [LoggerMessage(EventId = 5111, Level = LogLevel.Information, Message = "Helpdesk connectors: {Connectors}")]
    public static partial void Connectors(ILogger logger, string connectors);

    [LoggerMessage(EventId = 5112, Level = LogLevel.Information, Message = "Ticket {Number}: delivery to {Connector} reset for another try by an admin")]
    public static partial void Retried(ILogger logger, string number, string connector);
}
