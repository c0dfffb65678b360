namespace CaaBot.Helpdesk.BuiltIn;

/// <summary>One entry of <c>helpdesk/tickets-created</c>: a ticket that now exists, in the order they were created.</summary>
internal sealed record TicketCreatedEntry(string Number);
