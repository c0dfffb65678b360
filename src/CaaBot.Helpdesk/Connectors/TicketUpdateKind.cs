namespace CaaBot.Helpdesk.Connectors;

public enum TicketUpdateKind
{
    /// <summary>The external system accepted the ticket after the user had been told it was queued.</summary>
    Delivered,

    /// <summary>The external ticket's status changed (polled or pushed).</summary>
    StatusChanged,

    /// <summary>Delivery was given up on (a permanent refusal, or retries exhausted); admins see it too.</summary>
    DeliveryFailed,
}
