namespace CaaBot.Helpdesk.BuiltIn;

/// <summary><c>helpdesk/counter/ticket-number</c>: the last number handed out, advanced by ETag compare-and-swap.</summary>
internal sealed record TicketCounterDocument(long Last);
