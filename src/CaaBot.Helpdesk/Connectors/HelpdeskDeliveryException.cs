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
}
