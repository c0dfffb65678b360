using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CaaBot.Helpdesk.Connectors;
using CaaBot.Helpdesk.Outbox;
using CaaBot.Helpdesk.Tests.Support;
using CaaBot.Helpdesk.Tickets;
using CaaBot.Storage.Abstractions;
using CaaBot.Storage.Sqlite;

namespace CaaBot.Helpdesk.Tests.RealServers;

/// <summary>The Request Tracker connector and the outbox against a real RT 5 (REST 2.0), started by the fixture.</summary>
[Collection(RequestTrackerCollection.Name)]
public sealed class RequestTrackerConnectorTests(RequestTrackerServer rt) : IDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(3));

    private CancellationToken Ct => _timeout.Token;

    public void Dispose() => _timeout.Dispose();

    [Fact]
    public async Task FileAsync_RtUp_CreatesTicketWithSubjectRequestorContentPriorityAndTranscript()
    {
        var rig = new OutboxRig([rt.Connector()]);
        var number = await rig.SeedRandomNumbersAsync(Ct);
        const string stream = "transcript/msteams/rt-journey";
        await AppendAsync(rig.Streams, stream, """{"type":"message","text":"Teams says 0xCAA20003","from":{"id":"29:ada","name":"Ada Lovelace","role":"user"},"timestamp":"2026-03-02T08:30:00Z"}""");
        await AppendAsync(rig.Streams, stream, """{"type":"message","text":"Let's check the clock first.","from":{"id":"bot","role":"bot"},"timestamp":"2026-03-02T08:30:01Z"}""");

        var receipt = await rig.Outbox.FileAsync(Requests.Complete("rt-journey"), stream, Ct);

        Assert.Equal(number, receipt.Ticket.Number);
        var external = Assert.Single(receipt.Delivered);
        Assert.Equal("RT #" + external.Id, external.DisplayNumber);
        Assert.Equal(new Uri(rt.BaseUrl, "Ticket/Display.html?id=" + external.Id), external.Url);
        var ticket = await rt.GetAsync("ticket/" + external.Id);
        Assert.Equal($"[{number}] 0xCAA20003: Teams can't sign in: device clock or token (Windows PC)", ticket["Subject"]!.GetValue<string>());
        Assert.Equal("ada@example.com", ticket["Requestor"]!.AsArray().Single()!["id"]!.GetValue<string>());
        Assert.Equal("100", ticket["Priority"]!.ToString());
        Assert.Equal("General", (await rt.GetAsync("queue/" + ticket["Queue"]!["id"]))["Name"]!.GetValue<string>());

        var attachments = await AttachmentsAsync(external.Id);
        var content = attachments.First(a => a.ContentType == "text/plain" && a.FileName.Length == 0).Content;
        foreach (var expected in new[]
        {
            $"CaaBot ticket {number}", "Error code: 0xCAA20003", "Device: Windows PC", "Category: identity", "Priority: high",
            "Contact email: ada@example.com", "Contact phone: +44 20 7946 0000", "Correlation id: corr-7f3a",
            "Teams says 0xCAA20003 when I sign in.", "1. 2026-03-02 08:31:00Z  Check the PC's clock: still broken",
            "2. 2026-03-02 08:33:00Z  Clear the Teams cache: skipped", "Clock differs from the server by 7 minutes",
            "error.png (image/png, 2026-03-02 08:32:00Z): https://files.example/error.png",
            "2026-03-02 08:30:00Z User (Ada Lovelace): Teams says 0xCAA20003", "Bot: Let's check the clock first.",
        })
        {
            Assert.Contains(expected, content, StringComparison.Ordinal);
        }

        var transcript = Assert.Single(attachments, a => a.FileName == TicketTranscript.FileName);
        Assert.Equal("application/json", transcript.ContentType);
        using var json = JsonDocument.Parse(transcript.Content);
        Assert.Equal(2, json.RootElement.GetArrayLength());
        Assert.Equal("Teams says 0xCAA20003", json.RootElement[0].GetProperty("text").GetString());
        Assert.Equal([external], (await rig.Queue.FindAsync(number, Ct))!.ExternalTickets);
    }

    [Fact]
    public async Task GetStatusAsync_AfterPutChangesStatus_ReadsItBackAndTheUserHearsOncePerChange()
    {
        var updates = new RecordingTicketUpdates();
        var rig = new OutboxRig([rt.Connector()], new OutboxOptions { StatusPollInterval = TimeSpan.FromMinutes(1) }, updates);
        await rig.SeedRandomNumbersAsync(Ct);
        var external = Assert.Single((await rig.Outbox.FileAsync(Requests.Minimal("rt-status"), null, Ct)).Delivered);
        var connector = rt.Connector();

        Assert.Equal(new ExternalTicketStatus(TicketStatus.New, "new", null), await connector.GetStatusAsync(external, Ct));
        rig.Clock.Advance(TimeSpan.FromMinutes(1));
        await rig.Outbox.PollStatusesAsync(Ct);
        Assert.Empty(updates.Published);

        await PutStatusAsync(external.Id, "open");
        Assert.Equal(new ExternalTicketStatus(TicketStatus.InProgress, "open", null), await connector.GetStatusAsync(external, Ct));
        rig.Clock.Advance(TimeSpan.FromMinutes(1));
        await rig.Outbox.PollStatusesAsync(Ct);
        rig.Clock.Advance(TimeSpan.FromMinutes(1));
        await rig.Outbox.PollStatusesAsync(Ct);

        await PutStatusAsync(external.Id, "resolved");
        rig.Clock.Advance(TimeSpan.FromMinutes(1));
        await rig.Outbox.PollStatusesAsync(Ct);

        Assert.Equal(
            ["open", "resolved"],
            updates.Published.Select(update => $"{update.Status!.SystemStatus}"));
        Assert.All(updates.Published, update => Assert.Equal(TicketUpdateKind.StatusChanged, update.Kind));
        Assert.Equal(TicketStatus.Resolved, updates.Published.Last().Status!.Status);
    }

    [Fact]
    public async Task FindAsync_TicketCreatedBefore_FindsItByTheSubjectTag_AndNothingForAnotherNumber()
    {
        var rig = new OutboxRig([rt.Connector()]);
        await rig.SeedRandomNumbersAsync(Ct);
        var receipt = await rig.Outbox.FileAsync(Requests.Minimal("rt-find"), null, Ct);
        var connector = rt.Connector();

        Assert.Equal(Assert.Single(receipt.Delivered), await connector.FindAsync(receipt.Ticket, Ct));
        Assert.Null(await connector.FindAsync(receipt.Ticket with { Number = receipt.Ticket.Number + "9" }, Ct));
    }

    [Fact]
    public async Task FileAsync_RtDownFor60Seconds_QueuedRetriedAndExactlyOneTicketOnceItIsBack()
    {
        var updates = new RecordingTicketUpdates();
        var rig = new OutboxRig([rt.Connector()], new OutboxOptions { InitialRetryDelay = TimeSpan.FromSeconds(5) }, updates);
        var number = await rig.SeedRandomNumbersAsync(Ct);
        await rt.StopAsync();
        try
        {
            var receipt = await rig.Outbox.FileAsync(Requests.Minimal("rt-down"), null, Ct);
            Assert.Equal(["rt"], receipt.Queued);

            // 60 s on the outbox's clock while the real server is really down: attempts at 0, 5, 15 and 35 s all fail.
            for (var second = 0; second < 60; second++)
            {
                rig.Clock.Advance(TimeSpan.FromSeconds(1));
                await rig.Outbox.DeliverDueAsync(Ct);
            }

            var waiting = Assert.Single(await rig.Outbox.ListAsync(Ct));
            Assert.Equal(OutboxEntryState.Pending, waiting.State);
            Assert.Equal(4, waiting.Attempts);
            Assert.Contains("could not be reached", waiting.LastError, StringComparison.Ordinal);
        }
        finally
        {
            await rt.StartAsync();
        }

        rig.Clock.Advance(TimeSpan.FromSeconds(15)); // attempt 5 is due 40 s after attempt 4
        await rig.Outbox.DeliverDueAsync(Ct);
        await rig.Outbox.DeliverDueAsync(Ct);

        var delivered = Assert.Single(await rig.Outbox.ListAsync(Ct));
        Assert.Equal(OutboxEntryState.Delivered, delivered.State);
        Assert.Equal(5, delivered.Attempts);
        Assert.Single(await rt.SearchAsync($"[{number}]"));
        var update = Assert.Single(updates.Published);
        Assert.Equal(TicketUpdateKind.Delivered, update.Kind);
        Assert.Equal(delivered.External, update.External);
    }

    [Fact]
    public async Task DeliverDueAsync_AnswerLostAfterRtCreatedTheTicket_FindsItAndCreatesNoSecond()
    {
        var lossy = new AnswerLosingConnector(rt.Connector());
        var rig = new OutboxRig([lossy], updates: new RecordingTicketUpdates());
        var number = await rig.SeedRandomNumbersAsync(Ct);

        var receipt = await rig.Outbox.FileAsync(Requests.Minimal("rt-lost"), null, Ct);
        Assert.Equal(["rt"], receipt.Queued);
        Assert.Single(await rt.SearchAsync($"[{number}]")); // it did land
        rig.Clock.Advance(TimeSpan.FromMinutes(1));
        await rig.Outbox.DeliverDueAsync(Ct);

        Assert.Single(await rt.SearchAsync($"[{number}]"));
        Assert.Equal(1, lossy.Creates);
        Assert.Equal(OutboxEntryState.Delivered, Assert.Single(await rig.Outbox.ListAsync(Ct)).State);
    }

    [Fact]
    public async Task DeliverDueAsync_KilledBetweenRecordingAndDelivering_ExactlyOneRtTicketAfterRestart()
    {
        using var directory = new TempDirectory();
        string number;
        using (var database = new SqliteDatabase(directory.Path))
        {
            var killed = new OutboxRig([rt.Connector()], new OutboxOptions { InlineDeliveryTimeout = TimeSpan.Zero }, documents: new SqliteDocumentStore(database), streams: new SqliteStreamStore(database));
            number = await killed.SeedRandomNumbersAsync(Ct);
            Assert.Equal(number, (await killed.Outbox.FileAsync(Requests.Minimal("rt-killed"), null, Ct)).Ticket.Number);
        }

        Assert.Empty(await rt.SearchAsync($"[{number}]"));

        // The restarted process and a second instance over the same file both run their workers.
        using var reopened = new SqliteDatabase(directory.Path);
        using var other = new SqliteDatabase(directory.Path);
        var restarted = new OutboxRig([rt.Connector()], documents: new SqliteDocumentStore(reopened), streams: new SqliteStreamStore(reopened));
        var second = new OutboxRig([rt.Connector()], documents: new SqliteDocumentStore(other), streams: new SqliteStreamStore(other));
        await Task.WhenAll(restarted.Outbox.DeliverDueAsync(Ct), second.Outbox.DeliverDueAsync(Ct));
        await Task.WhenAll(restarted.Outbox.DeliverDueAsync(Ct), second.Outbox.DeliverDueAsync(Ct));

        Assert.Single(await rt.SearchAsync($"[{number}]"));
        Assert.Single((await restarted.Queue.FindAsync(number, Ct))!.ExternalTickets);
    }

    [Fact]
    public async Task FileAsync_HostileTranscript_StoredInertAsPlainTextInRt()
    {
        const string script = "<script>alert('caabot')</script>";
        const string image = "<img src=x onerror=alert(1)>";
        var big = string.Concat(Enumerable.Repeat("0123456789 <b>bold?</b> ", 4_200)); // ~100 KB
        var rig = new OutboxRig([rt.Connector()]);
        var number = await rig.SeedRandomNumbersAsync(Ct);
        const string stream = "transcript/webchat/hostile";
        await AppendAsync(rig.Streams, stream, JsonSerializer.Serialize(new { type = "message", text = script + " " + image, from = new { id = "u", name = "<i>Eve</i>", role = "user" } }));
        await AppendAsync(rig.Streams, stream, JsonSerializer.Serialize(new { type = "message", text = big, from = new { id = "u", role = "user" } }));
        // With a requestor, RT sends its auto-reply, which quotes the content as HTML: the place markup could come alive.
        var request = Requests.Complete("rt-hostile") with { UserWords = "</pre><h1>pwned</h1>" + script };

        var external = Assert.Single((await rig.Outbox.FileAsync(request, stream, Ct)).Delivered);

        var attachments = await AttachmentsAsync(external.Id);
        var content = attachments.First(a => a.ContentType == "text/plain" && a.FileName.Length == 0).Content;
        Assert.Contains(script, content, StringComparison.Ordinal); // kept verbatim, as text
        Assert.Contains(image, content, StringComparison.Ordinal);
        Assert.Contains("</pre><h1>pwned</h1>", content, StringComparison.Ordinal);
        Assert.Contains(big.Trim(), content, StringComparison.Ordinal);
        Assert.True(content.Length > 100_000, $"content is {content.Length} characters");

        // Whatever RT renders as HTML from it (its auto-reply) has the markup escaped; nothing of ours is text/html.
        var html = attachments.Where(a => a.ContentType == "text/html").ToList();
        Assert.All(html, a => Assert.DoesNotContain("<script>", a.Content, StringComparison.OrdinalIgnoreCase));
        Assert.All(html, a => Assert.DoesNotContain("<h1>pwned", a.Content, StringComparison.OrdinalIgnoreCase));
        Assert.Contains(html, a => a.Content.Contains("&lt;script&gt;", StringComparison.Ordinal));
        var transcript = Assert.Single(attachments, a => a.FileName == TicketTranscript.FileName);
        Assert.Equal("application/json", transcript.ContentType);
        using var json = JsonDocument.Parse(transcript.Content);
        Assert.Equal(script + " " + image, json.RootElement[0].GetProperty("text").GetString());
        Assert.Equal(big, json.RootElement[1].GetProperty("text").GetString());
        Assert.StartsWith($"[{number}]", (await rt.GetAsync("ticket/" + external.Id))["Subject"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_BadCredentialsOrUnknownQueue_IsAPermanentRefusal()
    {
        var ticket = new Ticket("CAA-000001", DateTimeOffset.UnixEpoch, TicketStatus.New, Requests.Minimal("refused"));

        var badPassword = await Assert.ThrowsAsync<HelpdeskDeliveryException>(() => rt.Connector(password: "wrong").CreateAsync(ticket, TicketTranscript.Empty, Ct));
        var badQueue = await Assert.ThrowsAsync<HelpdeskDeliveryException>(() => rt.Connector(queue: "NoSuchQueue").CreateAsync(ticket, TicketTranscript.Empty, Ct));

        Assert.True(badPassword.IsPermanent);
        Assert.Contains("401", badPassword.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong", badPassword.Message, StringComparison.Ordinal);
        Assert.True(badQueue.IsPermanent);
    }

    [Fact]
    public async Task CreateAsync_AuthToken_CreatesAndReadsStatus_AndAWrongTokenIsAPermanentRefusal()
    {
        var token = await rt.CreateAuthTokenAsync(Ct);
        var connector = rt.TokenConnector(token);
        var ticket = new Ticket("CAA-" + Random.Shared.NextInt64(10_000_000_000, 99_999_999_999), DateTimeOffset.UnixEpoch, TicketStatus.New, Requests.Minimal("token"));

        var external = await connector.CreateAsync(ticket, TicketTranscript.Empty, Ct);
        var refused = await Assert.ThrowsAsync<HelpdeskDeliveryException>(() => rt.TokenConnector(token + "0").GetStatusAsync(external, Ct));

        Assert.Equal(TicketStatus.New, (await connector.GetStatusAsync(external, Ct))!.Status);
        Assert.Equal(external, await connector.FindAsync(ticket, Ct));
        Assert.True(refused.IsPermanent);
        Assert.DoesNotContain(token, refused.Message, StringComparison.Ordinal);
    }

    private async Task<List<(string FileName, string ContentType, string Content)>> AttachmentsAsync(string id)
    {
        var listed = await rt.GetAsync($"ticket/{id}/attachments?fields=Filename,ContentType,Content&per_page=100");
        return [.. listed["items"]!.AsArray().Select(item => (
            item!["Filename"]?.GetValue<string>() ?? string.Empty,
            item["ContentType"]?.GetValue<string>() ?? string.Empty,
            item["Content"]?.GetValue<string>() ?? string.Empty))];
    }

    private async Task PutStatusAsync(string id, string status)
    {
        using var body = new StringContent(new JsonObject { ["Status"] = status }.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await rt.Admin.PutAsync(new Uri(rt.BaseUrl, "REST/2.0/ticket/" + id), body, Ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    private Task AppendAsync(IStreamStore streams, string stream, string json) =>
        streams.AppendAsync(stream, Encoding.UTF8.GetBytes(json), Ct);

    /// <summary>Creates for real, then throws on the first create as if the answer never arrived (a timeout after RT accepted).</summary>
    private sealed class AnswerLosingConnector(IHelpdeskConnector inner) : IHelpdeskConnector
    {
        private int _creates;

        public string Name => inner.Name;

        public int Creates => _creates;

        public Task<ExternalTicket?> FindAsync(Ticket ticket, CancellationToken cancellationToken) => inner.FindAsync(ticket, cancellationToken);

        public async Task<ExternalTicket> CreateAsync(Ticket ticket, TicketTranscript transcript, CancellationToken cancellationToken)
        {
            var created = await inner.CreateAsync(ticket, transcript, cancellationToken);
            return Interlocked.Increment(ref _creates) == 1 ? throw new TaskCanceledException("the answer was lost") : created;
        }

        public Task<ExternalTicketStatus?> GetStatusAsync(ExternalTicket external, CancellationToken cancellationToken) => inner.GetStatusAsync(external, cancellationToken);
    }
}
