namespace CaaBot.Web.Endpoints;

/// <summary>Log messages of <see cref="BotMessageHandler"/>. Event ids 1000–1099.</summary>
internal static partial class BotMessageLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Warning, Message = "Refused a request to /api/messages: {Reason}")]
    public static partial void Refused(ILogger logger, string reason);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "CaaBot:ChannelAuthentication:AllowEmulatorTokens is ignored outside Development: Emulator tokens stay refused")]
    public static partial void EmulatorTokensIgnored(ILogger logger);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "A reply was refused with {StatusCode} ({ErrorCode}): the user blocked or removed the bot; nothing more is sent for this turn")]
    public static partial void RecipientGone(ILogger logger, int statusCode, string errorCode);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "A turn ({ActivityType}) took longer than the {BudgetMilliseconds} ms response budget: answered the channel now, the turn finishes out of band")]
    public static partial void TurnOverBudget(ILogger logger, string activityType, double budgetMilliseconds);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Error, Message = "A turn that finished out of band failed")]
    public static partial void OutOfBandTurnFailed(ILogger logger, Exception exception);
}
