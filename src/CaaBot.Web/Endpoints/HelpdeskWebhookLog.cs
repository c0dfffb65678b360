namespace CaaBot.Web.Endpoints;

/// <summary>Log lines of the inbound helpdesk webhook endpoint. Event id 5350. Ticket numbers only.</summary>
internal static partial class HelpdeskWebhookLog
{
    [LoggerMessage(EventId = 5350, Level = LogLevel.Warning, Message = "A verified status update for ticket {Number} could not be passed on; answered 503")]
    public static partial void PublishFailed(ILogger logger, Exception exception, string number);
}
