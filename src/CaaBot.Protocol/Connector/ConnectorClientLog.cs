using System.Net;
using Microsoft.Extensions.Logging;

namespace CaaBot.Protocol.Connector;

/// <summary>
/// Log events of <see cref="ConnectorClient"/>. Event ids 1100–1199. Only the operation and the
/// service host are logged: conversation ids and bodies carry personal data, headers carry tokens.
/// </summary>
internal static partial class ConnectorClientLog
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Debug, Message = "Connector {Operation} to {Host}: attempt {Attempt}")]
    public static partial void Sending(ILogger logger, string operation, string host, int attempt);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Debug, Message = "Connector {Operation} succeeded with {StatusCode} on attempt {Attempt}")]
    public static partial void Succeeded(ILogger logger, string operation, int statusCode, int attempt);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Connector {Operation} attempt {Attempt} failed ({Reason}); retrying in {Delay}")]
    public static partial void RetryScheduled(ILogger logger, string operation, int attempt, string reason, TimeSpan delay);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "Connector {Operation} failed with {StatusCode} {ErrorCode} after {Attempts} attempt(s)")]
    public static partial void Failed(ILogger logger, string operation, HttpStatusCode statusCode, string? errorCode, int attempts);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Warning, Message = "Connector {Operation} gave up after {Attempts} attempt(s): {Reason}")]
    public static partial void GaveUp(ILogger logger, string operation, int attempts, string reason);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Warning, Message = "Connector {Operation} succeeded with {StatusCode} but its body is not the expected JSON; treating it as empty")]
    public static partial void UnreadableSuccessBody(ILogger logger, string operation, int statusCode, Exception exception);

    [LoggerMessage(EventId = 1106, Level = LogLevel.Information, Message = "Connector {Operation} refused the bot's token with {StatusCode}; retrying once with a fresh token")]
    public static partial void TokenRefused(ILogger logger, string operation, int statusCode);
}
