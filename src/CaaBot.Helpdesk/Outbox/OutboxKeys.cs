namespace CaaBot.Helpdesk.Outbox;

/// <summary>The outbox's document keys and stream. Ticket numbers and connector names are both plain ASCII (validated), so keys cannot collide.</summary>
internal static class OutboxKeys
{
    public const string IndexStream = "helpdesk/outbox";

    public static string Entry(string number, string connector) => $"helpdesk/outbox/{number}/{connector}";
}
