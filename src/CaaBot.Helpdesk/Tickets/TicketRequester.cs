namespace CaaBot.Helpdesk.Tickets;

/// <summary>Who asked for help: the channel identity plus the contact details they chose to give.</summary>
public sealed record TicketRequester(string ChannelId, string UserId, string? Name)
{
    public string? ContactEmail { get; init; }

    public string? ContactPhone { get; init; }
}
