using System.Net;
using CaaBot.Protocol.Schema;

namespace CaaBot.Protocol.Connector;

/// <summary>
/// A Connector call that did not succeed: the channel answered with an error status, or every attempt
/// failed or timed out. The message names the operation, status and the channel's error code; it never
/// carries credentials.
/// </summary>
public sealed class ConnectorException : Exception
{
    public ConnectorException()
    {
    }

    public ConnectorException(string message)
        : base(message)
    {
    }

    public ConnectorException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public ConnectorException(
        string message,
        string operation,
        HttpStatusCode? statusCode,
        ErrorResponse? error,
        int attempts,
        bool isTransient,
        TimeSpan? retryAfter = null,
        Exception? innerException = null)
        : base(message, innerException)
    {
        Operation = operation;
        StatusCode = statusCode;
        Error = error;
        Attempts = attempts;
        IsTransient = isTransient;
        RetryAfter = retryAfter;
    }

    /// <summary>The Connector operation, e.g. <c>SendToConversation</c>.</summary>
    public string? Operation { get; }

    /// <summary>The last HTTP status received; null when no response arrived (timeouts, network errors).</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The channel's error body, when it sent one.</summary>
    public ErrorResponse? Error { get; }

    /// <summary>The channel's error code (<c>BadArgument</c>, <c>ConversationNotFound</c>…), when it sent one.</summary>
    public string? ErrorCode => Error?.Error?.Code;

    /// <summary>How many HTTP attempts were made.</summary>
    public int Attempts { get; }

    /// <summary>True when trying again later may succeed (throttling, gateway errors, timeouts): an outbox should reschedule.</summary>
    public bool IsTransient { get; }

    /// <summary>The channel's last <c>Retry-After</c>, so a caller that reschedules can honour it.</summary>
    public TimeSpan? RetryAfter { get; }
}
