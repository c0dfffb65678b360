using System.Text;
using CaaBot.Helpdesk.Connectors;
using CaaBot.Helpdesk.Tickets;

namespace CaaBot.Helpdesk.Tests.Connectors.LocalServers;

/// <summary>A ticket with every field filled, and user text that would become markup or break out of a format if not escaped.</summary>
public static class ConnectorTickets
{
    public const string Hostile = "<script>alert('x')</script> *bold* _it_ [click|https://evil.example] {noformat}{code} \"quoted\" & Ünïcödé 🙂";

    public static DateTimeOffset CreatedAt { get; } = new(2026, 3, 2, 8, 30, 0, TimeSpan.Zero);

    public static Ticket Full(string number = "CAA-000042") => new(number, CreatedAt, TicketStatus.New, new TicketRequest
    {
        RequestId = "case-" + number,
        Requester = new TicketRequester("msteams", "29:1a2b3c", "Ada <Lovelace>") { ContactEmail = "ada@example.com", ContactPhone = "+44 20 7946 0000" },
        ErrorCode = "0xCAA20003",
        Device = "Windows PC",
        PlaybookId = "caa20003",
        PlaybookTitle = "Clock out of sync",
        Group = "identity",
        Priority = "high",
        Steps =
        [
            new TicketStep("sync-clock", "Sync the clock", TicketStepOutcome.StillBroken, CreatedAt.AddMinutes(-9)),
            new TicketStep("clear-cache", "Clear the Teams cache", TicketStepOutcome.Skipped, CreatedAt.AddMinutes(-5)),
            new TicketStep("wam-reset", "Reset the account broker", TicketStepOutcome.AskedForPerson, CreatedAt.AddMinutes(-2)),
        ],
        UserWords = "It fails every morning. " + Hostile + "\nSecond line.",
        Findings = ["Device clock is 7 minutes behind the server."],
        Attachments = [new TicketAttachment("screenshot.png", "image/png", "https://files.example/s/1?a=b|c", CreatedAt.AddMinutes(-3))],
        CorrelationId = "corr-7f3e",
    });

    public static TicketTranscript Transcript { get; } = new(
        "08:20 Ada: hi\n08:21 CaaBot: Which error do you see?\n08:21 Ada: " + Hostile,
        Encoding.UTF8.GetBytes("[{\"type\":\"message\",\"text\":\"hi – Ünïcödé 🙂\"},{\"type\":\"message\",\"text\":\"<b>x</b>\"}]"));

    /// <summary>
    /// The connector timeout for tests where one chosen request hangs. Every call before it (search, upload) must
    /// finish within it, or the fault is never reached and the retry hangs instead: 500 ms was too short on a
    /// loaded two-core CI machine. The test waits this long once, for the hung request.
    /// </summary>
    public static TimeSpan HungRequestTimeout { get; } = TimeSpan.FromSeconds(2);

    /// <summary>Awaits <paramref name="action"/> and returns the delivery error it must throw, checking whether it is permanent.</summary>
    public static async Task<HelpdeskDeliveryException> FailsAsync(Func<Task> action, bool permanent)
    {
        ArgumentNullException.ThrowIfNull(action);
        var error = await Assert.ThrowsAsync<HelpdeskDeliveryException>(action);
        Assert.Equal(permanent, error.IsPermanent);
        return error;
    }
}
