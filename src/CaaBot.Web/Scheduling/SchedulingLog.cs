namespace CaaBot.Web.Scheduling;

/// <summary>Log lines of scheduled turns in the host. Event ids 1300–1319.</summary>
internal static partial class SchedulingLog
{
    [LoggerMessage(EventId = 1300, Level = LogLevel.Information, Message = "Scheduled turn {TurnId}: the recipient is gone ({StatusCode}); dropped")]
    public static partial void RecipientGone(ILogger logger, string turnId, int statusCode);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "Scheduled turn for channel {ChannelId} has no usable serviceUrl; it cannot be delivered")]
    public static partial void NoChannelAddress(ILogger logger, string channelId);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Warning, Message = "Scheduled turn not sent: {Host} is not (or no longer) a trusted channel host")]
    public static partial void UntrustedServiceUrl(ILogger logger, string host);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Error, Message = "The scheduled-turn worker failed a round; it carries on")]
    public static partial void WorkerRoundFailed(ILogger logger, Exception exception);
}
