using CaaBot.Helpdesk.Tickets;

namespace CaaBot.Helpdesk.Tests.Support;

/// <summary>Ticket requests for tests: a minimal valid one, varied by the test.</summary>
public static class Requests
{
    public static TicketRequest Minimal(string requestId) => new()
    {
        RequestId = requestId,
        Requester = new TicketRequester("msteams", "29:user-" + requestId.GetHashCode(StringComparison.Ordinal), "Ada Lovelace"),
        Device = "Windows PC",
        Group = "identity",
        Priority = "normal",
        ErrorCode = "0xCAA20003",
        UserWords = "Teams says 0xCAA20003 when I sign in.",
    };
}
