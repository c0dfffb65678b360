using CaaBot.Helpdesk.Connectors;
using CaaBot.Helpdesk.Tickets;

namespace CaaBot.Bot.TicketUpdates;

/// <summary>What the user is told about their ticket, as stored in the scheduled turn (no more than the message needs).</summary>
public sealed record TicketNews(
    string TicketNumber,
    TicketUpdateKind Kind,
    string? ExternalNumber,
    TicketStatus? Status,
    string? SystemStatus,
    string? LatestReply)
{
    public static TicketNews From(TicketUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        return new TicketNews(
            update.Ticket.Number,
            update.Kind,
            update.External?.DisplayNumber,
            update.Status?.Status,
            update.Status?.SystemStatus,
            update.Status?.LatestPublicReply);
    }
}
