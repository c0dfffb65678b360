using CaaBot.Helpdesk.Connectors;

namespace CaaBot.Helpdesk.Tickets;

/// <summary>A stored escalation.</summary>
/// <param name="Number">What the user and the agents call it, e.g. <c>CAA-001042</c>.</param>
public sealed record Ticket(string Number, DateTimeOffset CreatedAt, TicketStatus Status, TicketRequest Request)
{
    /// <summary>The copies external helpdesk systems hold, one per connector that accepted it (recorded by the outbox).</summary>
    public IReadOnlyList<ExternalTicket> ExternalTickets { get; init; } = [];
}
