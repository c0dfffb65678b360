using CaaBot.Helpdesk.Tickets;

namespace CaaBot.Helpdesk.Connectors;

/// <summary>
/// One external helpdesk system (Request Tracker, email, a webhook, ServiceNow, Jira Service Management, Zendesk)
/// that receives copies of the tickets the built-in queue records. The outbox calls it, never a dialog: a
/// connector may be slow or down, and the built-in ticket stays the durable record while it is.
/// </summary>
/// <remarks>
/// Delivery is at-least-once, so every connector must make a repeated <see cref="CreateAsync"/> for the same
/// <see cref="Ticket.Number"/> harmless: either the system deduplicates on a key we send (an idempotency header,
/// Zendesk's <c>external_id</c>, ServiceNow's <c>correlation_id</c>), or <see cref="FindAsync"/> finds the ticket
/// an earlier attempt created (after a timeout we cannot tell whether it landed) so the outbox does not create a
/// second one.
/// </remarks>
public interface IHelpdeskConnector
{
    /// <summary>Configuration name of this connector instance (<c>rt</c>, <c>email</c>…): the outbox's key for it.</summary>
    string Name { get; }

    /// <summary>
    /// The ticket an earlier delivery of <paramref name="ticket"/> created in this system, or null when there is
    /// none. Connectors whose system deduplicates on its own may return null without asking.
    /// </summary>
    Task<ExternalTicket?> FindAsync(Ticket ticket, CancellationToken cancellationToken);

    /// <summary>Creates the ticket (with its transcript) in this system and returns the system's reference.</summary>
    /// <exception cref="HelpdeskDeliveryException">The system refused or failed; <see cref="HelpdeskDeliveryException.IsPermanent"/> says whether retrying can help.</exception>
    Task<ExternalTicket> CreateAsync(Ticket ticket, TicketTranscript transcript, CancellationToken cancellationToken);

    /// <summary>
    /// The current status of <paramref name="external"/> in this system, or null when this connector cannot read
    /// status (email, a push-only webhook).
    /// </summary>
    Task<ExternalTicketStatus?> GetStatusAsync(ExternalTicket external, CancellationToken cancellationToken);
}
