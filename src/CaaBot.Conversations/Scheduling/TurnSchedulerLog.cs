using Microsoft.Extensions.Logging;

namespace CaaBot.Conversations.Scheduling;

/// <summary>Log lines of <see cref="TurnScheduler"/>. Event ids 1200–1299. Ids are logged, never message text.</summary>
internal static partial class TurnSchedulerLog
{
    [LoggerMessage(EventId = 1200, Level = LogLevel.Debug, Message = "Scheduled turn {TurnId} ({Name}) due at {DueAt}")]
    public static partial void Scheduled(ILogger logger, string turnId, string name, DateTimeOffset dueAt);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Scheduled turn {TurnId} ({Name}) finished: {Outcome} after {Attempts} attempt(s)")]
    public static partial void Finished(ILogger logger, string turnId, string name, ScheduledTurnOutcome outcome, int attempts);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Warning, Message = "Scheduled turn {TurnId} ({Name}) failed on attempt {Attempt}; next attempt at {NextAttemptAt}")]
    public static partial void WillRetry(ILogger logger, Exception exception, string turnId, string name, int attempt, DateTimeOffset nextAttemptAt);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Error, Message = "Scheduled turn {TurnId} ({Name}) given up after {Attempts} attempt(s)")]
    public static partial void GaveUp(ILogger logger, Exception? exception, string turnId, string name, int attempts);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Warning, Message = "Scheduled turn entry {Sequence} is unreadable and was skipped")]
    public static partial void UnreadableEntry(ILogger logger, Exception exception, long sequence);

    [LoggerMessage(EventId = 1205, Level = LogLevel.Information, Message = "Scheduled turn {TurnId}: another instance finished or took it over meanwhile")]
    public static partial void LostLease(ILogger logger, string turnId);
}
