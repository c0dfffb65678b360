namespace CaaBot.Helpdesk.Connectors;

/// <summary>A helpdesk system refused or failed a request. The message is for logs and admins, never for the user.</summary>
public sealed class HelpdeskDeliveryException : Exception
{
    public HelpdeskDeliveryException()
    {
    }

    public HelpdeskDeliveryException(string message)
        : base(message)
    {
    }

    public HelpdeskDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public HelpdeskDeliveryException(string message, bool isPermanent, Exception? innerException = null)
        : base(message, innerException)
    {
        IsPermanent = isPermanent;
    }

    /// <summary>
    /// True when retrying cannot help (bad credentials, an unknown queue, a rejected payload): the outbox stops and
    /// shows the delivery to admins instead of retrying. Timeouts, 5xx and 429 are not permanent.
    /// </summary>
    public bool IsPermanent { get; }

    /// <summary>
    /// How long the system asked us to wait before trying again (its <c>Retry-After</c> on a 429 or 503), when it
    /// said; the outbox waits at least this long. Null when the system gave no hint.
    /// </summary>
    public TimeSpan? RetryAfter { get; init; }
}
