using CaaBot.Helpdesk.Connectors;
using CaaBot.Helpdesk.Tickets;

namespace CaaBot.Helpdesk.Outbox;

/// <summary>What filing an escalation achieved within the turn.</summary>
/// <param name="Ticket">The built-in ticket (always there: it is the durable record).</param>
/// <param name="Delivered">External tickets that exist already (created now, or by an earlier attempt of the same request).</param>
/// <param name="Queued">Connectors that have not accepted it yet; the outbox keeps trying and tells the user later.</param>
/// <param name="Failed">Connectors that have given up on it (seen only when the same request is filed again later).</param>
public sealed record EscalationReceipt(Ticket Ticket, IReadOnlyList<ExternalTicket> Delivered, IReadOnlyList<string> Queued, IReadOnlyList<string> Failed);
