using System.Text.Json;
using CaaBot.Helpdesk.BuiltIn;
using CaaBot.Helpdesk.Tests.Support;
using CaaBot.Helpdesk.Tickets;
using CaaBot.Protocol.Schema;
using CaaBot.Storage.Abstractions;
using Microsoft.Extensions.Logging.Abstractions;

namespace CaaBot.Helpdesk.Tests.BuiltIn;

/// <summary>
/// What the built-in queue must do on every storage backend. A backend derives a small class that creates a
/// fresh pair of stores per test (<see cref="CreateStoresAsync"/>) and cleans up (<see cref="DisposeStoresAsync"/>).
/// </summary>
public abstract class BuiltInTicketQueueContract : IAsyncLifetime
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(2));
    private IDocumentStore? _documents;
    private IStreamStore? _streams;
    private BuiltInTicketQueue? _queue;

    protected IDocumentStore Documents => _documents ?? throw new InvalidOperationException("Created in InitializeAsync.");

    protected IStreamStore Streams => _streams ?? throw new InvalidOperationException("Created in InitializeAsync.");

    protected BuiltInTicketQueue Queue => _queue ?? throw new InvalidOperationException("Created in InitializeAsync.");

    /// <summary>The queue's clock (the stores keep their own, so CreatedAt is predictable).</summary>
    protected SteppingClock Clock { get; } = new();

    protected RecordingLogger<BuiltInTicketQueue> Log { get; } = new();

    /// <summary>Cancels a test that hangs instead of failing.</summary>
    protected CancellationToken Ct => _timeout.Token;

    protected abstract Task<(IDocumentStore Documents, IStreamStore Streams)> CreateStoresAsync(CancellationToken cancellationToken);

    protected virtual Task DisposeStoresAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.InitializeAsync()
    {
        (_documents, _streams) = await CreateStoresAsync(Ct);
        _queue = CreateQueue(Documents, Streams);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeStoresAsync();
        _timeout.Dispose();
    }

    protected BuiltInTicketQueue CreateQueue(IDocumentStore documents, IStreamStore streams) => new(documents, streams, Clock, Log);

    [Fact]
    public async Task SubmitAsync_DistinctRequests_NumbersSequentiallyFromOne()
    {
        var first = await Queue.SubmitAsync(Requests.Minimal("case-a"), Ct);
        var second = await Queue.SubmitAsync(Requests.Minimal("case-b"), Ct);
        var third = await Queue.SubmitAsync(Requests.Minimal("case-c"), Ct);

        Assert.Equal(["CAA-000001", "CAA-000002", "CAA-000003"], [first.Number, second.Number, third.Number]);
        Assert.All([first, second, third], ticket => Assert.Equal(TicketStatus.New, ticket.Status));
        Assert.Equal(SteppingClock.Start, first.CreatedAt);
        Assert.True(second.CreatedAt > first.CreatedAt);
    }

    [Fact]
    public async Task SubmitAsync_SameRequestIdTwice_ReturnsFirstTicketAndCreatesNoSecond()
    {
        var first = await Queue.SubmitAsync(Requests.Minimal("case-1") with { UserWords = "first attempt" }, Ct);

        var again = await Queue.SubmitAsync(Requests.Minimal("case-1") with { UserWords = "retried turn" }, Ct);

        Assert.Equal(first.Number, again.Number);
        Assert.Equal(first.CreatedAt, again.CreatedAt);
        Assert.Equal("first attempt", again.Request.UserWords);
        var listed = Assert.Single(await Queue.ListRecentAsync(10, Ct));
        Assert.Equal(first.Number, listed.Number);
        Assert.Equal("CAA-000002", (await Queue.SubmitAsync(Requests.Minimal("case-2"), Ct)).Number);
    }

    [Fact]
    public async Task SubmitAsync_FiftyDistinctRequestsConcurrently_FiftyDistinctNumbers()
    {
        var submits = Enumerable.Range(0, 50).Select(i => Task.Run(() => Queue.SubmitAsync(Requests.Minimal($"parallel-{i}"), Ct), Ct));

        var tickets = await Task.WhenAll(submits);

        Assert.Equal(50, tickets.Select(t => t.Number).Distinct(StringComparer.Ordinal).Count());
        Assert.All(tickets, ticket => Assert.True(TicketNumber.TryParse(ticket.Number, out _)));
        var listed = await Queue.ListRecentAsync(100, Ct);
        Assert.Equal(tickets.Select(t => t.Number).Order(StringComparer.Ordinal), listed.Select(t => t.Number).Order(StringComparer.Ordinal));
        foreach (var ticket in tickets)
        {
            var found = await Queue.FindAsync(ticket.Number, Ct);
            Assert.Equal(ticket.Request.RequestId, found?.Request.RequestId);
        }
    }

    [Fact]
    public async Task SubmitAsync_SameRequestTwentyTimesConcurrently_OneTicket()
    {
        var submits = Enumerable.Range(0, 20).Select(i => Task.Run(() => Queue.SubmitAsync(Requests.Minimal("same-case") with { UserWords = $"attempt {i}" }, Ct), Ct));

        var tickets = await Task.WhenAll(submits);

        var number = Assert.Single(tickets.Select(t => t.Number).Distinct(StringComparer.Ordinal));
        Assert.Single(tickets.Select(t => t.CreatedAt).Distinct());
        Assert.Single(tickets.Select(t => t.Request.UserWords).Distinct(StringComparer.Ordinal));
        var listed = Assert.Single(await Queue.ListRecentAsync(100, Ct));
        Assert.Equal(number, listed.Number);
        Assert.Equal(tickets[0].Request.UserWords, listed.Request.UserWords);
    }

    [Fact]
    public async Task SubmitAsync_TwoQueueInstancesOnTheSameStoresConcurrently_NeverDuplicateNumbers()
    {
        var other = CreateQueue(Documents, Streams);
        var submits = Enumerable.Range(0, 40).Select(i => Task.Run(
            () => (i % 2 == 0 ? Queue : other).SubmitAsync(Requests.Minimal(i < 30 ? $"case-{i}" : "shared-case"), Ct),
            Ct));

        var tickets = await Task.WhenAll(submits);

        Assert.Equal(31, tickets.Select(t => t.Number).Distinct(StringComparer.Ordinal).Count());
        Assert.Single(tickets.Where(t => t.Request.RequestId == "shared-case").Select(t => t.Number).Distinct(StringComparer.Ordinal));
        Assert.Equal(31, (await other.ListRecentAsync(100, Ct)).Count);
    }

    [Theory]
    [InlineData("CAA-000001")]
    [InlineData("caa-000001")]
    [InlineData("caa-1")]
    [InlineData("CAA-01")]
    [InlineData("1")]
    [InlineData("000001")]
    [InlineData("  CAA-000001  ")]
    [InlineData("\tcaa-1\r\n")]
    [InlineData("CAA 1")]
    [InlineData("CAA1")]
    [InlineData("#1")]
    public async Task FindAsync_TolerantForm_FindsTicket(string typed)
    {
        var created = await Queue.SubmitAsync(Requests.Minimal("case-1"), Ct);

        var found = await Queue.FindAsync(typed, Ct);

        Assert.NotNull(found);
        Assert.Equal(created.Number, found.Number);
        Assert.Equal("case-1", found.Request.RequestId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("DROP TABLE")]
    [InlineData("CAA-000001; DROP TABLE documents; --")]
    [InlineData("CAA-")]
    [InlineData("CAA-0")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("CAA--1")]
    [InlineData("1.0")]
    [InlineData("1e3")]
    [InlineData("CAA-000002")]
    [InlineData("CAA-9999999999999")]
    [InlineData("CAA-99999999999999999999999999")]
    [InlineData("helpdesk/ticket/CAA-000001")]
    [InlineData("../ticket/CAA-000001")]
    [InlineData("CAA-\u0661")]
    public async Task FindAsync_UnknownOrMalformed_ReturnsNull(string typed)
    {
        await Queue.SubmitAsync(Requests.Minimal("case-1"), Ct);

        Assert.Null(await Queue.FindAsync(typed, Ct));
    }

    [Fact]
    public async Task FindAsync_TenThousandCharactersNullOrLoneSurrogate_ReturnsNull()
    {
        await Queue.SubmitAsync(Requests.Minimal("case-1"), Ct);

        Assert.Null(await Queue.FindAsync(new string('1', 10_000), Ct));
        Assert.Null(await Queue.FindAsync("CAA-" + new string('0', 9_990) + "1", Ct));
        Assert.Null(await Queue.FindAsync(null!, Ct));
        Assert.Null(await Queue.FindAsync("\uD800", Ct));
        Assert.Null(await Queue.FindAsync("CAA-\uDC00", Ct));
    }

    [Fact]
    public async Task ListRecentAsync_NoTickets_ReturnsEmpty()
    {
        Assert.Empty(await Queue.ListRecentAsync(10, Ct));
    }

    [Fact]
    public async Task ListRecentAsync_FiveTickets_NewestFirstAndAtMostMax()
    {
        for (var i = 1; i <= 5; i++)
        {
            await Queue.SubmitAsync(Requests.Minimal($"case-{i}"), Ct);
        }

        var three = await Queue.ListRecentAsync(3, Ct);
        var all = await Queue.ListRecentAsync(50, Ct);

        Assert.Equal(["CAA-000005", "CAA-000004", "CAA-000003"], three.Select(t => t.Number));
        Assert.Equal(["CAA-000005", "CAA-000004", "CAA-000003", "CAA-000002", "CAA-000001"], all.Select(t => t.Number));
        Assert.Empty(await Queue.ListRecentAsync(0, Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Queue.ListRecentAsync(-1, Ct));
    }

    [Fact]
    public async Task ListRecentAsync_MoreTicketsThanOnePage_PagesBackwardsInOrder()
    {
        for (var i = 1; i <= 130; i++)
        {
            await Queue.SubmitAsync(Requests.Minimal($"case-{i}"), Ct);
        }

        var listed = await Queue.ListRecentAsync(120, Ct);

        Assert.Equal(Enumerable.Range(11, 120).Reverse().Select(n => TicketNumber.Format(n)), listed.Select(t => t.Number));
    }

    [Fact]
    public async Task SubmitAsync_VeryLongUserWords_TruncatedWithMarkerNotRejected()
    {
        var words = string.Concat(Enumerable.Repeat("Teams keeps asking me to sign in. ", 5_000));

        var ticket = await Queue.SubmitAsync(Requests.Minimal("long") with { UserWords = words }, Ct);

        var stored = (await Queue.FindAsync(ticket.Number, Ct))!.Request.UserWords!;
        Assert.Equal(TicketRequestNormalizer.MaxUserWordsLength, stored.Length);
        Assert.EndsWith(TicketRequestNormalizer.TruncationMarker, stored, StringComparison.Ordinal);
        Assert.StartsWith("Teams keeps asking me to sign in.", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitAsync_EightyStepsAndLongTexts_KeepsLastFiftyStepsAndBoundsEveryField()
    {
        var steps = Enumerable.Range(1, 80)
            .Select(i => new TicketStep($"step-{i}", new string('t', 1_000), TicketStepOutcome.StillBroken, SteppingClock.Start.AddMinutes(i)))
            .ToArray();
        var request = Requests.Minimal("many-steps") with
        {
            Steps = steps,
            Findings = [.. Enumerable.Range(1, 70).Select(i => $"finding {i} " + new string('f', 2_000))],
            Device = new string('d', 5_000),
            PlaybookTitle = new string('p', 5_000),
            Requester = new TicketRequester("msteams", "29:abc", new string('n', 5_000)) { ContactEmail = new string('e', 5_000) + "@example.com" },
        };

        var ticket = await Queue.SubmitAsync(request, Ct);

        var stored = (await Queue.FindAsync(ticket.Number, Ct))!.Request;
        Assert.Equal(TicketRequestNormalizer.MaxSteps, stored.Steps.Count);
        Assert.Equal("step-31", stored.Steps[0].StepId);
        Assert.Equal("step-80", stored.Steps[^1].StepId);
        Assert.All(stored.Steps, step => Assert.True(step.Title.Length <= TicketRequestNormalizer.MaxTitleLength));
        Assert.Equal(TicketRequestNormalizer.MaxFindings + 1, stored.Findings.Count);
        Assert.Contains("30 earlier step(s) not kept", stored.Findings[^1], StringComparison.Ordinal);
        Assert.All(stored.Findings, line => Assert.True(line.Length <= TicketRequestNormalizer.MaxFindingLength));
        Assert.True(stored.Device.Length <= TicketRequestNormalizer.MaxShortTextLength);
        Assert.True(stored.PlaybookTitle!.Length <= TicketRequestNormalizer.MaxTitleLength);
        Assert.True(stored.Requester.Name!.Length <= TicketRequestNormalizer.MaxShortTextLength);
        Assert.True(stored.Requester.ContactEmail!.Length <= TicketRequestNormalizer.MaxEmailLength);
        Assert.EndsWith(TicketRequestNormalizer.TruncationMarker, stored.Device, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitAsync_AttachmentLinksThatAreNotWebAddresses_AreDroppedAndTheListIsCapped()
    {
        var at = SteppingClock.Start;
        TicketAttachment[] hostile =
        [
            new("x.png", "image/png", "javascript:alert(1)", at),
            new("y.png", "image/png", "file:///etc/passwd", at),
            new("z.png", "image/png", "/relative/only.png", at),
            new("long.png", "image/png", "https://caabot.example/" + new string('a', TicketRequestNormalizer.MaxUrlLength), at),
            new(" ", "", "https://caabot.example/unnamed", at),
        ];
        var many = Enumerable.Range(1, 30).Select(i => new TicketAttachment($"shot-{i}.png", "image/png", $"https://caabot.example/{i}", at));

        var ticket = await Queue.SubmitAsync(Requests.Minimal("attachments") with { Attachments = [.. hostile, .. many] }, Ct);

        var stored = (await Queue.FindAsync(ticket.Number, Ct))!.Request.Attachments;
        Assert.Equal(TicketRequestNormalizer.MaxAttachments, stored.Count);
        Assert.Equal(("file", "application/octet-stream", "https://caabot.example/unnamed"), (stored[0].Name, stored[0].ContentType, stored[0].ContentUrl));
        Assert.All(stored.Skip(1), file => Assert.StartsWith("https://caabot.example/", file.ContentUrl, StringComparison.Ordinal));
        Assert.Equal("shot-19.png", stored[^1].Name);
    }

    [Fact]
    public async Task SubmitAsync_BlankDescriptiveFields_GetDefaultsNotRejected()
    {
        var request = Requests.Minimal("blank") with { Device = " ", Group = "", Priority = "URGENT!!", ErrorCode = "  ", UserWords = "" };

        var ticket = await Queue.SubmitAsync(request, Ct);

        var stored = (await Queue.FindAsync(ticket.Number, Ct))!.Request;
        Assert.Equal(TicketRequestNormalizer.DefaultDevice, stored.Device);
        Assert.Equal(TicketRequestNormalizer.DefaultGroup, stored.Group);
        Assert.Equal(TicketRequestNormalizer.DefaultPriority, stored.Priority);
        Assert.Null(stored.ErrorCode);
        Assert.Null(stored.UserWords);
        Assert.Equal("high", (await Queue.SubmitAsync(Requests.Minimal("high") with { Priority = " High " }, Ct)).Request.Priority);
    }

    [Fact]
    public async Task SubmitAsync_EveryField_RoundTripsThroughTheStore()
    {
        var conversation = JsonSerializer.Deserialize<ConversationReference>(
            """
            {
              "activityId": "1234",
              "user": { "id": "29:1abc", "name": "Ada", "aadObjectId": "00000000-0000-0000-0000-000000000001", "role": "user", "userPrincipalName": "ada@contoso.example" },
              "bot": { "id": "28:caabot", "name": "CaaBot" },
              "conversation": { "id": "a:1xyz", "conversationType": "personal", "tenantId": "tenant-1", "isGroup": false },
              "channelId": "msteams",
              "serviceUrl": "https://smba.trafficmanager.net/emea/",
              "locale": "de-DE",
              "futureField": { "nested": [1, 2, 3] }
            }
            """,
            Protocol.ProtocolJson.Options)!;
        var request = new TicketRequest
        {
            RequestId = "msteams:a:1xyz/case-7",
            Requester = new TicketRequester("msteams", "29:1abc", "Ada Lovelace") { ContactEmail = "ada@contoso.example", ContactPhone = "+49 30 1234567" },
            ErrorCode = "0xCAA20003",
            Device = "Windows PC",
            PlaybookId = "caa20003",
            PlaybookTitle = "Teams sign-in fails with 0xCAA20003",
            Group = "identity",
            Priority = "high",
            Steps =
            [
                new("check-pc-clock", "Check the PC clock", TicketStepOutcome.StillBroken, new DateTimeOffset(2026, 3, 2, 9, 1, 2, 345, TimeSpan.FromHours(1))),
                new("clear-cache", "Clear the Teams cache", TicketStepOutcome.Skipped, new DateTimeOffset(2026, 3, 2, 9, 5, 0, TimeSpan.Zero)),
                new("reset-broker", "Reset the broker", TicketStepOutcome.WentBack, new DateTimeOffset(2026, 3, 2, 9, 6, 0, TimeSpan.Zero)),
                new("update-teams", "Update Teams", TicketStepOutcome.Fixed, new DateTimeOffset(2026, 3, 2, 9, 7, 0, TimeSpan.Zero)),
                new("person", "Talk to a person", TicketStepOutcome.AskedForPerson, new DateTimeOffset(2026, 3, 2, 9, 8, 0, TimeSpan.FromHours(-5))),
            ],
            UserWords = "It says \"0xCAA20003\" <script>alert(1)</script> — ünïcødé 🙂",
            Findings = ["PC clock is 7 minutes fast", "Signed in fine on the web"],
            Attachments = [new("error.png", "image/png", "https://caabot.example/v3/directline/conversations/c1/attachments/ab12", new DateTimeOffset(2026, 3, 2, 9, 2, 0, TimeSpan.Zero))],
            CorrelationId = "corr-42",
            Conversation = conversation,
        };

        var created = await Queue.SubmitAsync(request, Ct);
        var found = await CreateQueue(Documents, Streams).FindAsync(created.Number, Ct);

        Assert.NotNull(found);
        Assert.Equal(created.Number, found.Number);
        Assert.Equal(created.CreatedAt, found.CreatedAt);
        Assert.Equal(TicketStatus.New, found.Status);
        var stored = found.Request;
        Assert.Equal(request.RequestId, stored.RequestId);
        Assert.Equal(request.Requester, stored.Requester);
        Assert.Equal(request.ErrorCode, stored.ErrorCode);
        Assert.Equal(request.Device, stored.Device);
        Assert.Equal(request.PlaybookId, stored.PlaybookId);
        Assert.Equal(request.PlaybookTitle, stored.PlaybookTitle);
        Assert.Equal(request.Group, stored.Group);
        Assert.Equal(request.Priority, stored.Priority);
        Assert.Equal(request.Steps, stored.Steps);
        Assert.Equal(request.Steps.Select(s => s.At.Offset), stored.Steps.Select(s => s.At.Offset));
        Assert.Equal(request.UserWords, stored.UserWords);
        Assert.Equal(request.Findings, stored.Findings);
        Assert.Equal(request.Attachments, stored.Attachments);
        Assert.Equal(request.CorrelationId, stored.CorrelationId);
        Assert.Equal(
            JsonSerializer.Serialize(conversation, Protocol.ProtocolJson.Options),
            JsonSerializer.Serialize(stored.Conversation, Protocol.ProtocolJson.Options));
        Assert.Equal("ada@contoso.example", stored.Conversation!.User!.Properties!["userPrincipalName"].GetString());
        Assert.Equal("tenant-1", stored.Conversation.Conversation!.TenantId);
    }

    [Fact]
    public async Task SubmitAsync_TicketDocument_StoredAsCamelCaseJsonWithEnumNames()
    {
        var request = Requests.Minimal("json") with { Steps = [new("s1", "Step one", TicketStepOutcome.StillBroken, SteppingClock.Start)] };

        var ticket = await Queue.SubmitAsync(request, Ct);

        var document = await Documents.ReadAsync("helpdesk/ticket/" + ticket.Number, Ct);
        using var json = JsonDocument.Parse(document!.Content);
        Assert.Equal("New", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("StillBroken", json.RootElement.GetProperty("request").GetProperty("steps")[0].GetProperty("outcome").GetString());
        Assert.NotNull(await Documents.ReadAsync("helpdesk/request/json", Ct));
    }

    [Fact]
    public async Task SubmitAsync_HostileRequestIds_EachGetsItsOwnTicketAndNoneCollides()
    {
        string[] ids =
        [
            "case",
            "CASE",
            "a/b",
            "a%2Fb",
            "a%2fb",
            "a_2Fb",
            "../ticket/CAA-000001",
            "..",
            ".",
            "helpdesk/counter/ticket-number",
            "~" + new string('0', 64),
            "%7E" + new string('0', 64),
            "x\0y",
            "x y",
            "x\ny",
            "caf\u00e9",
            "cafe\u0301",
            "🙂",
            "'; DROP TABLE documents; --",
            new string('a', 1_024),
            new string('a', 1_023) + "b",
            new string('/', 1_024),
            new string('a', 200),
            new string('a', 201),
        ];

        var first = new List<Ticket>();
        foreach (var id in ids)
        {
            first.Add(await Queue.SubmitAsync(Requests.Minimal(id), Ct));
        }

        var again = new List<Ticket>();
        foreach (var id in ids)
        {
            again.Add(await Queue.SubmitAsync(Requests.Minimal(id), Ct));
        }

        Assert.Equal(ids.Length, first.Select(t => t.Number).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(first.Select(t => t.Number), again.Select(t => t.Number));
        Assert.Equal(ids, first.Select(t => t.Request.RequestId));
        Assert.Equal("case", (await Queue.FindAsync("CAA-000001", Ct))!.Request.RequestId);
        Assert.Equal(ids.Length, (await Queue.ListRecentAsync(100, Ct)).Count);
    }

    [Fact]
    public async Task SubmitAsync_BlankOrIllFormedRequestId_ThrowsArgumentException()
    {
        // Not [InlineData]: the runner's serialization would replace the lone surrogate.
        foreach (var requestId in new[] { "", "   ", "lone \uD800 surrogate", "\uDC00" })
        {
            await Assert.ThrowsAnyAsync<ArgumentException>(() => Queue.SubmitAsync(Requests.Minimal("x") with { RequestId = requestId }, Ct));
        }

        Assert.Empty(await Queue.ListRecentAsync(10, Ct));
    }

    [Fact]
    public async Task SubmitAsync_MissingIdsOrOverlongRequestId_ThrowsArgumentException()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() => Queue.SubmitAsync(null!, Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Queue.SubmitAsync(Requests.Minimal("x") with { RequestId = null! }, Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Queue.SubmitAsync(Requests.Minimal("x") with { RequestId = new string('a', 1_025) }, Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Queue.SubmitAsync(Requests.Minimal("x") with { Requester = null! }, Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Queue.SubmitAsync(Requests.Minimal("x") with { Requester = new TicketRequester("msteams", " ", "Ada") }, Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Queue.SubmitAsync(Requests.Minimal("x") with { Requester = new TicketRequester(null!, "29:a", "Ada") }, Ct));
        Assert.Empty(await Queue.ListRecentAsync(10, Ct));
    }

    [Fact]
    public async Task SubmitAsync_CrashAfterNumberingBeforeTicketWritten_RetryConvergesOnTheClaimedNumber()
    {
        var documents = new FaultyDocumentStore(Documents) { FailWhen = (key, _) => key.StartsWith("helpdesk/ticket/", StringComparison.Ordinal) };
        var crashing = CreateQueue(documents, Streams);
        await Assert.ThrowsAsync<SimulatedCrashException>(() => crashing.SubmitAsync(Requests.Minimal("case-1"), Ct));
        Assert.Null(await Queue.FindAsync("CAA-000001", Ct));

        var ticket = await CreateQueue(Documents, Streams).SubmitAsync(Requests.Minimal("case-1"), Ct);

        Assert.Equal("CAA-000001", ticket.Number);
        Assert.Equal("CAA-000001", Assert.Single(await Queue.ListRecentAsync(10, Ct)).Number);
        Assert.Equal("CAA-000002", (await Queue.SubmitAsync(Requests.Minimal("case-2"), Ct)).Number);
    }

    [Fact]
    public async Task SubmitAsync_CrashBetweenAllocatingAndRecordingTheNumber_RetryMakesOneTicket()
    {
        var documents = new FaultyDocumentStore(Documents)
        {
            FailWhen = (key, content) => key.StartsWith("helpdesk/request/", StringComparison.Ordinal) && content.Contains("\"number\"", StringComparison.Ordinal),
        };
        await Assert.ThrowsAsync<SimulatedCrashException>(() => CreateQueue(documents, Streams).SubmitAsync(Requests.Minimal("case-1"), Ct));

        var ticket = await Queue.SubmitAsync(Requests.Minimal("case-1"), Ct);
        var again = await Queue.SubmitAsync(Requests.Minimal("case-1"), Ct);

        // The number the crashed attempt allocated is never used: a gap, never a duplicate.
        Assert.Equal("CAA-000002", ticket.Number);
        Assert.Equal(ticket.Number, again.Number);
        Assert.Equal(ticket.Number, Assert.Single(await Queue.ListRecentAsync(10, Ct)).Number);
    }

    [Fact]
    public async Task SubmitAsync_CrashBeforeListing_RetryListsTheTicketOnce()
    {
        var streams = new FaultyStreamStore(Streams) { FailNextAppend = true };
        await Assert.ThrowsAsync<SimulatedCrashException>(() => CreateQueue(Documents, streams).SubmitAsync(Requests.Minimal("case-1"), Ct));
        Assert.NotNull(await Queue.FindAsync("CAA-000001", Ct));
        Assert.Empty(await Queue.ListRecentAsync(10, Ct));

        var ticket = await Queue.SubmitAsync(Requests.Minimal("case-1"), Ct);
        await Queue.SubmitAsync(Requests.Minimal("case-1"), Ct);

        Assert.Equal("CAA-000001", ticket.Number);
        Assert.Equal("CAA-000001", Assert.Single(await Queue.ListRecentAsync(10, Ct)).Number);
        Assert.Equal(1, await Streams.GetLastSequenceAsync("helpdesk/tickets-created", Ct));
    }

    [Fact]
    public async Task SubmitAsync_CrashAfterListingBeforeMarkingListed_ListShowsTheTicketOnce()
    {
        var documents = new FaultyDocumentStore(Documents)
        {
            FailWhen = (key, content) => key.StartsWith("helpdesk/request/", StringComparison.Ordinal) && content.Contains("\"listed\":true", StringComparison.Ordinal),
        };
        await Assert.ThrowsAsync<SimulatedCrashException>(() => CreateQueue(documents, Streams).SubmitAsync(Requests.Minimal("case-1"), Ct));
        await Queue.SubmitAsync(Requests.Minimal("case-0"), Ct);

        var ticket = await Queue.SubmitAsync(Requests.Minimal("case-1"), Ct);

        Assert.Equal("CAA-000001", ticket.Number);
        Assert.Equal(["CAA-000001", "CAA-000002"], (await Queue.ListRecentAsync(10, Ct)).Select(t => t.Number));
    }

    [Fact]
    public async Task SubmitAsync_Logging_NamesTicketAndRequestButNoPersonalData()
    {
        var request = Requests.Minimal("case-log") with
        {
            Requester = new TicketRequester("msteams", "29:secret-user", "Grace Hopper") { ContactEmail = "grace@contoso.example", ContactPhone = "+1 555 0100" },
            UserWords = "my password is hunter2 " + new string('x', 5_000),
            Findings = ["clock skew on GRACE-LAPTOP"],
        };

        var ticket = await Queue.SubmitAsync(request, Ct);
        await Queue.SubmitAsync(request, Ct);

        var lines = Log.Entries.SelectMany(entry => entry.Values.Append(entry.Message)).ToArray();
        Assert.Contains(lines, line => line.Contains(ticket.Number, StringComparison.Ordinal) && line.Contains("case-log", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("UserWords", StringComparison.Ordinal));
        foreach (var secret in new[] { "Grace", "grace@contoso.example", "555 0100", "hunter2", "GRACE-LAPTOP", "secret-user" })
        {
            Assert.DoesNotContain(lines, line => line.Contains(secret, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task FindAsync_CorruptTicketDocument_ReturnsNullAndListSkipsIt()
    {
        await Queue.SubmitAsync(Requests.Minimal("case-1"), Ct);
        await Queue.SubmitAsync(Requests.Minimal("case-2"), Ct);
        await Documents.WriteAsync("helpdesk/ticket/CAA-000001", "{ not json"u8.ToArray(), WritePrecondition.None, Ct);

        Assert.Null(await Queue.FindAsync("CAA-000001", Ct));
        Assert.Equal("CAA-000002", Assert.Single(await Queue.ListRecentAsync(10, Ct)).Number);
    }

    [Fact]
    public async Task Constructor_MissingDependency_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => new BuiltInTicketQueue(null!, Streams, Clock, NullLogger<BuiltInTicketQueue>.Instance));
        Assert.Throws<ArgumentNullException>(() => new BuiltInTicketQueue(Documents, null!, Clock, NullLogger<BuiltInTicketQueue>.Instance));
        Assert.Throws<ArgumentNullException>(() => new BuiltInTicketQueue(Documents, Streams, null!, NullLogger<BuiltInTicketQueue>.Instance));
        Assert.Throws<ArgumentNullException>(() => new BuiltInTicketQueue(Documents, Streams, Clock, null!));
        await Task.CompletedTask;
    }
}
