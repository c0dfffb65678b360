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

    /// <summary>A request with every field an agent reads filled in.</summary>
    public static TicketRequest Complete(string requestId) => Minimal(requestId) with
    {
        Requester = new TicketRequester("msteams", "29:ada", "Ada Lovelace") { ContactEmail = "ada@example.com", ContactPhone = "+44 20 7946 0000" },
        PlaybookId = "caa20003",
        PlaybookTitle = "Teams can't sign in: device clock or token",
        Priority = "high",
        Steps =
        [
            new TicketStep("clock", "Check the PC's clock", TicketStepOutcome.StillBroken, new DateTimeOffset(2026, 3, 2, 8, 31, 0, TimeSpan.Zero)),
            new TicketStep("cache", "Clear the Teams cache", TicketStepOutcome.Skipped, new DateTimeOffset(2026, 3, 2, 8, 33, 0, TimeSpan.Zero)),
        ],
        Findings = ["Clock differs from the server by 7 minutes"],
        Attachments = [new TicketAttachment("error.png", "image/png", "https://files.example/error.png", new DateTimeOffset(2026, 3, 2, 8, 32, 0, TimeSpan.Zero))],
        CorrelationId = "corr-7f3a",
    };
}
