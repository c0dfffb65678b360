using System.Text;
using CaaBot.Helpdesk.Connectors;
using CaaBot.Helpdesk.Connectors.Email;
using CaaBot.Helpdesk.Outbox;
using CaaBot.Helpdesk.Tests.Support;
using CaaBot.Helpdesk.Tickets;
using MailKit.Security;
using MimeKit;

namespace CaaBot.Helpdesk.Tests.RealServers;

/// <summary>The email connector against a real SMTP server (the aiosmtpd sink), started by the fixture.</summary>
public sealed class EmailConnectorTests(SmtpSinkServer smtp) : IClassFixture<SmtpSinkServer>, IDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(1));

    private CancellationToken Ct => _timeout.Token;

    public void Dispose() => _timeout.Dispose();

    [Fact]
    public async Task FileAsync_SmtpUp_HelpdeskReceivesSummaryWithTranscriptAttachedAndAStableMessageId()
    {
        var connector = Connector(smtp.Port);
        var rig = new OutboxRig([connector]);
        var number = await rig.SeedRandomNumbersAsync(Ct);
        const string stream = "transcript/msteams/mail";
        await rig.Streams.AppendAsync(stream, Encoding.UTF8.GetBytes("""{"type":"message","text":"Teams says <b>0xCAA20003</b>","from":{"id":"29:ada","name":"Ada","role":"user"}}"""), Ct);

        var receipt = await rig.Outbox.FileAsync(Requests.Complete("mail-1"), stream, Ct);

        var external = Assert.Single(receipt.Delivered);
        Assert.Equal(number, external.DisplayNumber);
        Assert.Equal($"{number}.email@caabot.example", external.Id);
        using var message = Assert.Single(await smtp.ReceivedAsync(external.Id));
        Assert.Equal($"[{number}] 0xCAA20003: Teams can't sign in: device clock or token (Windows PC)", message.Subject);
        Assert.Equal("helpdesk@caabot.example", message.To.Mailboxes.Single().Address);
        Assert.Equal("caabot@caabot.example", message.From.Mailboxes.Single().Address);
        Assert.Equal("ada@example.com", message.ReplyTo.Mailboxes.Single().Address);
        Assert.Equal(number, message.Headers["X-CaaBot-Ticket"]);
        Assert.Contains("Error code: 0xCAA20003", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("1. 2026-03-02 08:31:00Z  Check the PC's clock: still broken", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("User (Ada): Teams says <b>0xCAA20003</b>", message.TextBody, StringComparison.Ordinal);
        Assert.Null(message.HtmlBody); // plain text only: nothing the user typed becomes markup
        var attachment = Assert.IsType<MimePart>(Assert.Single(message.Attachments));
        Assert.Equal(TicketTranscript.FileName, attachment.FileName);
        Assert.Equal("application/json", attachment.ContentType.MimeType);
        using var bytes = new MemoryStream();
        await attachment.Content!.DecodeToAsync(bytes, Ct);
        Assert.Contains("Teams says <b>0xCAA20003</b>", Encoding.UTF8.GetString(bytes.ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_SameTicketTwice_BothMessagesCarryTheSameMessageId()
    {
        var connector = Connector(smtp.Port);
        var ticket = new Ticket("CAA-" + Random.Shared.NextInt64(10_000_000, 99_999_999), DateTimeOffset.UnixEpoch, TicketStatus.New, Requests.Minimal("mail-twice"));

        var first = await connector.CreateAsync(ticket, TicketTranscript.Empty, Ct);
        var second = await connector.CreateAsync(ticket, TicketTranscript.Empty, Ct);

        Assert.Equal(first, second);
        var received = await smtp.ReceivedAsync(first.Id, expected: 2);
        Assert.Equal(2, received.Count);
        foreach (var message in received)
        {
            message.Dispose();
        }

        Assert.Null(await connector.FindAsync(ticket, Ct));
        Assert.Null(await connector.GetStatusAsync(first, Ct));
    }

    [Fact]
    public async Task FileAsync_SmtpServerDown_QueuedAsATransientFailure()
    {
        var rig = new OutboxRig([Connector(Port: ServerPortNobodyListensOn())]);

        var receipt = await rig.Outbox.FileAsync(Requests.Minimal("mail-down"), null, Ct);

        Assert.Equal(["email"], receipt.Queued);
        var entry = Assert.Single(await rig.Outbox.ListAsync(Ct));
        Assert.Equal(OutboxEntryState.Pending, entry.State);
        Assert.Contains("could not take", entry.LastError, StringComparison.Ordinal);
    }

    private static int ServerPortNobodyListensOn() => ServerProcess.FreePort();

    private static EmailConnector Connector(int Port) => new("email", new EmailSettings
    {
        Host = "127.0.0.1",
        Port = Port,
        Security = SecureSocketOptions.None,
        From = "CaaBot <caabot@caabot.example>",
        To = "helpdesk@caabot.example",
    });
}
