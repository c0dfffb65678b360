namespace CaaBot.Helpdesk.Connectors;

/// <summary>
/// Where the helpdesk reports news about a ticket after the turn that filed it has ended: a late delivery, a status
/// change, a delivery given up on. The bot implements it by messaging the user's conversation proactively (the
/// ticket's <see cref="Tickets.TicketRequest.Conversation"/>); the helpdesk never talks to channels itself.
/// </summary>
public interface ITicketUpdates
{
    /// <summary>Tells the user about <paramref name="update"/>. Throws when the message could not be sent, so the caller may retry.</summary>
    Task PublishAsync(TicketUpdate update, CancellationToken cancellationToken);
}
