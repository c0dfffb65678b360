namespace CaaBot.Helpdesk.Tickets;

public enum TicketStatus
{
    New,
    InProgress,
    Resolved,
    Closed,
}
