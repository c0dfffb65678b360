namespace CaaBot.Helpdesk.Tickets;

/// <summary>
/// Where escalations become tickets. Submitting is idempotent on <see cref="TicketRequest.RequestId"/>: a turn that
/// is retried (state conflict, redelivery) gets the ticket the first attempt created instead of a second one.
/// </summary>
public interface ITicketQueue
{
    /// <summary>Stores the request durably and returns its ticket (the existing one when the request id was seen before).</summary>
    Task<Ticket> SubmitAsync(TicketRequest request, CancellationToken cancellationToken);

    /// <summary>The ticket with <paramref name="number"/> (as shown to the user, case-insensitive), or null.</summary>
    Task<Ticket?> FindAsync(string number, CancellationToken cancellationToken);

    /// <summary>The newest tickets first, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<Ticket>> ListRecentAsync(int max, CancellationToken cancellationToken);
}
