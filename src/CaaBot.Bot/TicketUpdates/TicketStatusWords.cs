using CaaBot.Helpdesk.Tickets;

namespace CaaBot.Bot.TicketUpdates;

/// <summary>How the bot says where a ticket stands ("Your ticket … is {words}"), the same in answers and in news.</summary>
public static class TicketStatusWords
{
    public static string For(TicketStatus status) => status switch
    {
        TicketStatus.New => "waiting for the helpdesk to pick it up",
        TicketStatus.InProgress => "being worked on",
        TicketStatus.Resolved => "marked resolved",
        _ => "closed",
    };
}
