using Microsoft.Extensions.Logging;

namespace CaaBot.Helpdesk.Connectors.Http;

/// <summary>
/// Log lines of the webhook, ServiceNow, Jira Service Management and Zendesk connectors. Event ids 5300–5349.
/// Only connector names, ticket numbers, external ids, operations and status codes are logged: never credentials,
/// signatures, the user's words, name or contact details.
/// </summary>
internal static partial class ConnectorLog
{
    [LoggerMessage(EventId = 5300, Level = LogLevel.Information, Message = "{Connector}: ticket {Number} created as {ExternalNumber} (id {ExternalId})")]
    public static partial void TicketCreated(ILogger logger, string connector, string number, string externalNumber, string externalId);

    [LoggerMessage(EventId = 5301, Level = LogLevel.Information, Message = "{Connector}: ticket {Number} was delivered before as {ExternalNumber}")]
    public static partial void TicketFound(ILogger logger, string connector, string number, string externalNumber);

    [LoggerMessage(EventId = 5302, Level = LogLevel.Information, Message = "{Connector}: ticket {Number} exists as {ExternalNumber} without its transcript; attaching it")]
    public static partial void ResumingDelivery(ILogger logger, string connector, string number, string externalNumber);

    [LoggerMessage(EventId = 5303, Level = LogLevel.Warning, Message = "{Connector}: {Operation} timed out after {Timeout}")]
    public static partial void RequestTimedOut(ILogger logger, string connector, string operation, TimeSpan timeout);

    [LoggerMessage(EventId = 5304, Level = LogLevel.Warning, Message = "{Connector}: {Operation} failed: {Error}")]
    public static partial void RequestFailed(ILogger logger, string connector, string operation, string error);

    [LoggerMessage(EventId = 5305, Level = LogLevel.Warning, Message = "{Connector}: {Operation} answered {StatusCode} (permanent: {Permanent})")]
    public static partial void RequestRefused(ILogger logger, string connector, string operation, int statusCode, bool permanent);

    [LoggerMessage(EventId = 5306, Level = LogLevel.Debug, Message = "{Connector}: {ExternalNumber} has status {SystemStatus}")]
    public static partial void StatusRead(ILogger logger, string connector, string externalNumber, string systemStatus);

    [LoggerMessage(EventId = 5307, Level = LogLevel.Warning, Message = "Inbound helpdesk webhook refused: {Reason}")]
    public static partial void InboundRefused(ILogger logger, string reason);
}
