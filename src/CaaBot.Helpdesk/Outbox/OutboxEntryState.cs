namespace CaaBot.Helpdesk.Outbox;

public enum OutboxEntryState
{
    /// <summary>Not delivered yet: waiting for its next attempt (or being attempted under a lease).</summary>
    Pending,

    /// <summary>The external system holds the ticket; <see cref="OutboxEntry.External"/> says which.</summary>
    Delivered,

    /// <summary>Given up on (a permanent refusal, or every attempt failed): kept for admins, never dropped.</summary>
    Failed,
}
