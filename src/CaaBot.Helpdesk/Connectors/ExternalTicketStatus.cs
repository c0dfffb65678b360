using CaaBot.Helpdesk.Tickets;

namespace CaaBot.Helpdesk.Connectors;

/// <summary>A status read from (or pushed by) an external system, mapped onto ours with the system's own word kept.</summary>
/// <param name="Status">The mapped status.</param>
/// <param name="SystemStatus">The system's word (<c>open</c>, <c>stalled</c>, <c>Waiting for support</c>), shown to agents.</param>
/// <param name="LatestPublicReply">The newest reply meant for the requester, when the system exposes one; plain text.</param>
public sealed record ExternalTicketStatus(TicketStatus Status, string SystemStatus, string? LatestPublicReply);
