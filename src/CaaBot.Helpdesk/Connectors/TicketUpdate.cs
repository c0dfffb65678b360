using CaaBot.Helpdesk.Tickets;

namespace CaaBot.Helpdesk.Connectors;

/// <summary>News about one ticket for its requester.</summary>
/// <param name="Ticket">The built-in record of the ticket (its number, request and conversation reference).</param>
/// <param name="Kind">What happened.</param>
/// <param name="External">The external system's ticket, when the news is about one.</param>
/// <param name="Status">The new status, for <see cref="TicketUpdateKind.StatusChanged"/>.</param>
public sealed record TicketUpdate(Ticket Ticket, TicketUpdateKind Kind, ExternalTicket? External, ExternalTicketStatus? Status);
