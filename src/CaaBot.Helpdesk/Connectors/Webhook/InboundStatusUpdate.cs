namespace CaaBot.Helpdesk.Connectors.Webhook;

/// <summary>
/// A status change pushed by a helpdesk system, as parsed from the status payload (version 1):
/// <code>
/// { "type": "caabot.ticket.status", "version": 1, "ticketNumber": "CAA-000042",
///   "externalId": "8812", "externalNumber": "SUP-7",
///   "status": "new" | "inProgress" | "resolved" | "closed",
///   "systemStatus": "Waiting for support", "publicReply": "…", "changedAt": "2026-03-02T08:30:00Z" }
/// </code>
/// <c>ticketNumber</c> and <c>status</c> are required; <c>systemStatus</c> defaults to <c>status</c>; unknown fields are ignored.
/// </summary>
/// <param name="TicketNumber">CaaBot's number (the <c>Idempotency-Key</c> the ticket was delivered with).</param>
public sealed record InboundStatusUpdate(
    string TicketNumber,
    string? ExternalId,
    string? ExternalNumber,
    ExternalTicketStatus Status,
    DateTimeOffset? ChangedAt);
