using CaaBot.Helpdesk.Connectors;

namespace CaaBot.Helpdesk.Outbox;

/// <summary>
/// One ticket's delivery to one connector, stored as the document <c>helpdesk/outbox/{number}/{connector}</c>.
/// Written before anything is sent; changed only with the ETag it was read with, so two instances sharing the
/// store never attempt it at the same time (the lease) and a status change is announced once.
/// </summary>
public sealed record OutboxEntry
{
    public required string TicketNumber { get; init; }

    /// <summary>The connector's configured name.</summary>
    public required string Connector { get; init; }

    public required OutboxEntryState State { get; init; }

    public required DateTimeOffset RecordedAt { get; init; }

    /// <summary>Attempts started so far (a claimed lease counts, even when the process died during it).</summary>
    public int Attempts { get; init; }

    /// <summary>When the next attempt is due (while <see cref="OutboxEntryState.Pending"/>).</summary>
    public DateTimeOffset NextAttemptAt { get; init; }

    /// <summary>The outbox instance attempting it right now, until <see cref="LeaseExpiresAt"/>.</summary>
    public string? LeaseOwner { get; init; }

    public DateTimeOffset? LeaseExpiresAt { get; init; }

    public DateTimeOffset? LastAttemptAt { get; init; }

    /// <summary>Why the last attempt failed, for admins (the connector's message; never the user's text or a secret).</summary>
    public string? LastError { get; init; }

    /// <summary>The transcript stream of the conversation and the last entry of it that belongs to the ticket.</summary>
    public string? TranscriptStream { get; init; }

    public long TranscriptUpTo { get; init; }

    public ExternalTicket? External { get; init; }

    public DateTimeOffset? DeliveredAt { get; init; }

    public DateTimeOffset? FailedAt { get; init; }

    /// <summary>
    /// True once the user knows the outcome: shown in the turn that filed it, or sent as a <see cref="TicketUpdate"/>
    /// (<see cref="TicketUpdateKind.Delivered"/> or <see cref="TicketUpdateKind.DeliveryFailed"/>).
    /// </summary>
    public bool UserTold { get; init; }

    /// <summary>How often telling the user failed (the outbox stops trying after the attempt limit).</summary>
    public int UpdateAttempts { get; init; }

    /// <summary>The external status last read, and whether the user has been told about it.</summary>
    public ExternalTicketStatus? LastStatus { get; init; }

    public bool StatusAnnounced { get; init; } = true;

    public DateTimeOffset? NextStatusCheckAt { get; init; }

    /// <summary>True when nothing is left to do for this entry: no attempt, no message to the user, no status to poll.</summary>
    public bool IsSettled(bool canPollStatus) => State switch
    {
        OutboxEntryState.Pending => false,
        OutboxEntryState.Failed => UserTold,
        _ => UserTold && StatusAnnounced && (!canPollStatus || LastStatus?.Status == Tickets.TicketStatus.Closed),
    };
}
