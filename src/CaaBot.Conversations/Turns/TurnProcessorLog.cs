using Microsoft.Extensions.Logging;

namespace CaaBot.Conversations.Turns;

/// <summary>Log lines of <see cref="TurnProcessor"/>. Event ids 1000–1099.</summary>
internal static partial class TurnProcessorLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Debug, Message = "Turn {CorrelationId} for {ConversationKey} ({ActivityType}) committed in {ElapsedMilliseconds} ms after {Attempts} attempt(s)")]
    public static partial void TurnCompleted(ILogger logger, string correlationId, string conversationKey, string activityType, double elapsedMilliseconds, int attempts);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Turn {CorrelationId}: activity {ActivityId} in {ConversationKey} was already processed; skipped")]
    public static partial void DuplicateSkipped(ILogger logger, string correlationId, string activityId, string conversationKey);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Turn {CorrelationId}: state of {ConversationKey} changed underneath attempt {Attempt}; re-running the turn")]
    public static partial void ConflictRetry(ILogger logger, string correlationId, string conversationKey, int attempt);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Error, Message = "Turn {CorrelationId} for {ConversationKey} failed; its changes were discarded and the dialog stack reset")]
    public static partial void TurnFailed(ILogger logger, Exception exception, string correlationId, string conversationKey);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "Turn {CorrelationId}: gave up on {ConversationKey} after {Attempts} conflicting attempts")]
    public static partial void AttemptsExhausted(ILogger logger, string correlationId, string conversationKey, int attempts);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Critical, Message = "Turn {CorrelationId}: the error handler failed for {ConversationKey}; resetting the dialog stack without a message")]
    public static partial void ErrorHandlerFailed(ILogger logger, Exception exception, string correlationId, string conversationKey);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Information, Message = "Turn {CorrelationId} for {ConversationKey} was cancelled by the host; nothing was committed")]
    public static partial void TurnCancelled(ILogger logger, string correlationId, string conversationKey);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Warning, Message = "Turn {CorrelationId}: user state {UserKey} kept changing; this turn's user-state changes were dropped")]
    public static partial void UserStateChangesDropped(ILogger logger, string correlationId, string userKey);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Warning, Message = "State document {Key} could not be read and was started afresh")]
    public static partial void UnreadableStateDocument(ILogger logger, Exception exception, string key);

    [LoggerMessage(EventId = 1009, Level = LogLevel.Error, Message = "Turn {CorrelationId}: state for {ConversationKey} was committed but delivering the replies failed")]
    public static partial void DeliveryFailed(ILogger logger, Exception exception, string correlationId, string conversationKey);
}
