namespace CaaBot.Helpdesk.Tickets;

public enum TicketStepOutcome
{
    Fixed,
    StillBroken,
    Skipped,
    WentBack,
    AskedForPerson,
}
