using System.Collections.Concurrent;
using CaaBot.Conversations.Testing.Time;
using CaaBot.Helpdesk.BuiltIn;
using CaaBot.Helpdesk.Incidents;
using CaaBot.Helpdesk.Tests.Support;
using CaaBot.Helpdesk.Tickets;
using CaaBot.Protocol.Schema;
using CaaBot.Storage.Abstractions;
using Microsoft.Extensions.Logging.Abstractions;

namespace CaaBot.Helpdesk.Tests.Incidents;

/// <summary>
/// What incident detection must do on every storage backend: the threshold within a sliding window, one incident ticket
/// however many report at once, nobody lost, resolution, and a second incident after the first. A backend derives a
/// class that creates a fresh pair of stores per test.
/// </summary>
public abstract class IncidentServiceContract : IAsyncLifetime
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(2));
    private IDocumentStore? _documents;
    private IStreamStore? _streams;

    protected IDocumentStore Documents => _documents ?? throw new InvalidOperationException("Created in InitializeAsync.");

    protected IStreamStore Streams => _streams ?? throw new InvalidOperationException("Created in InitializeAsync.");

    protected ManualTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));

    protected CancellationToken Ct => _timeout.Token;

    /// <summary>How many people report at once in the concurrency test (SQLite serializes writers, so it runs fewer).</summary>
    protected virtual int ParallelReporters => 1_000;

    protected abstract Task<(IDocumentStore Documents, IStreamStore Streams)> CreateStoresAsync(CancellationToken cancellationToken);

    protected virtual Task DisposeStoresAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.InitializeAsync() => (_documents, _streams) = await CreateStoresAsync(Ct);

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeStoresAsync();
        _timeout.Dispose();
    }

    /// <summary>One "instance" of the bot's helpdesk on the given stores.</summary>
    protected (IncidentService Service, IncidentRecords Records, BuiltInTicketQueue Queue) Create(
        IDocumentStore documents, IStreamStore streams, IncidentOptions? options = null)
    {
        options ??= new IncidentOptions { Threshold = 10, Window = TimeSpan.FromMinutes(10) };
        var queue = new BuiltInTicketQueue(documents, streams, Clock, NullLogger<BuiltInTicketQueue>.Instance);
        var records = new IncidentRecords(documents, streams, options, NullLogger<IncidentRecords>.Instance);
        return (new IncidentService(records, documents, streams, queue, options, Clock, NullLogger<IncidentService>.Instance), records, queue);
    }

    /// <summary>What the escalation dialog does: offer the report, and file a ticket of its own only when it joined nothing.</summary>
    protected static async Task<OpenIncident?> EscalateAsync(IncidentService service, ITicketQueue queue, TicketRequest request, CancellationToken cancellationToken)
    {
        var incident = await service.ReportAsync(request, cancellationToken);
        if (incident is null)
        {
            await queue.SubmitAsync(request, cancellationToken);
        }

        return incident;
    }

    protected static TicketRequest Report(int person, string code = "0xCAA20003", string device = "Windows PC") => Requests.Minimal($"case-{person}") with
    {
        ErrorCode = code,
        Device = device,
        Requester = new TicketRequester("msteams", $"29:user-{person}", $"Person {person}"),
        Steps = [new TicketStep("caa20003-1", "Check the PC's clock", TicketStepOutcome.StillBroken, new DateTimeOffset(2026, 3, 2, 7, 58, 0, TimeSpan.Zero))],
        Conversation = new ConversationReference
        {
            ChannelId = "msteams",
            ServiceUrl = "https://smba.example/",
            Conversation = new ConversationAccount { Id = $"a:conversation-{person}" },
            User = new ChannelAccount { Id = $"29:user-{person}" },
        },
    };

    private static async Task<IReadOnlyList<Ticket>> AllTicketsAsync(BuiltInTicketQueue queue, CancellationToken cancellationToken) =>
        await queue.ListRecentAsync(BuiltInTicketQueue.MaxListCount, cancellationToken);

    [Fact]
    public async Task ReportAsync_BelowThreshold_EveryoneFilesTheirOwnTicket()
    {
        var (service, records, queue) = Create(Documents, Streams);

        for (var person = 1; person <= 9; person++)
        {
            Assert.Null(await EscalateAsync(service, queue, Report(person), Ct));
            Clock.Advance(TimeSpan.FromSeconds(20));
        }

        Assert.Equal(9, (await AllTicketsAsync(queue, Ct)).Count);
        Assert.Null(await records.FindOpenAsync("0xCAA20003", Ct));
    }

    [Fact]
    public async Task ReportAsync_ThresholdReached_OpensOneHighPriorityIncidentAndLinksTheEarlierReports()
    {
        var (service, records, queue) = Create(Documents, Streams);
        var devices = new[] { "Windows PC", "Mac", "iPhone or iPad" };

        var outcomes = new List<OpenIncident?>();
        for (var person = 1; person <= 12; person++)
        {
            outcomes.Add(await EscalateAsync(service, queue, Report(person, device: devices[person % 3]), Ct));
            Clock.Advance(TimeSpan.FromSeconds(30));
        }

        Assert.All(outcomes.Take(9), Assert.Null);
        var incident = Assert.Single(outcomes.Skip(9).Select(outcome => Assert.IsType<OpenIncident>(outcome)).DistinctBy(open => open.Number));
        Assert.Equal("0XCAA20003", incident.Code);
        var tickets = await AllTicketsAsync(queue, Ct);
        Assert.Equal(10, tickets.Count); // 9 of their own + the incident
        var incidentTicket = Assert.Single(tickets, ticket => ticket.Number == incident.Number);
        Assert.Equal("high", incidentTicket.Request.Priority);
        Assert.Equal("0xCAA20003", incidentTicket.Request.ErrorCode);
        Assert.Contains("10 people escalated 0xCAA20003", incidentTicket.Request.UserWords, StringComparison.Ordinal);
        Assert.Contains("Mac (", incidentTicket.Request.UserWords, StringComparison.Ordinal);
        Assert.Contains("First report 2026-03-02 08:00:00 UTC, latest 2026-03-02 08:04:30 UTC", incidentTicket.Request.UserWords, StringComparison.Ordinal);
        Assert.Contains("helpdesk console: Incidents, this ticket's number (/helpdesk/incidents/<number>)", incidentTicket.Request.UserWords, StringComparison.Ordinal);
        Assert.Null(incidentTicket.Request.Conversation);

        var read = Assert.IsType<Incident>(await records.ReadAsync(incident.Number, Ct));
        Assert.True(read.IsOpen);
        Assert.Equal(Enumerable.Range(1, 12).Select(person => $"case-{person}"), read.Affected.Select(report => report.CaseId));
        Assert.All(read.Affected.Take(9), report => Assert.False(report.Joined));
        Assert.All(read.Affected.Skip(9), report => Assert.True(report.Joined));
        var linked = read.Affected[11];
        Assert.Equal("29:user-12", linked.UserId);
        Assert.Equal(devices[0], linked.Device);
        Assert.Equal("caa20003-1", Assert.Single(linked.Steps).StepId);
        Assert.Equal("a:conversation-12", linked.Conversation?.Conversation?.Id);
        Assert.Equal(incident, await records.FindOpenAsync("0xcaa20003", Ct));
    }

    [Fact]
    public async Task ReportAsync_ReportsSpreadWiderThanTheWindow_OpenNothingUntilEnoughFallInsideIt()
    {
        var options = new IncidentOptions { Threshold = 3, Window = TimeSpan.FromMinutes(10) };
        var (service, _, queue) = Create(Documents, Streams, options);

        Assert.Null(await EscalateAsync(service, queue, Report(1), Ct)); // 08:00
        Clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Null(await EscalateAsync(service, queue, Report(2), Ct)); // 08:06
        Clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Null(await EscalateAsync(service, queue, Report(3), Ct)); // 08:12: 08:00 has left the window
        Clock.Advance(TimeSpan.FromMinutes(1));

        Assert.NotNull(await EscalateAsync(service, queue, Report(4), Ct)); // 08:13: 08:06, 08:12, 08:13
    }

    [Fact]
    public async Task ReportAsync_OtherCodesAndNoCode_AreNotCountedTogether()
    {
        var options = new IncidentOptions { Threshold = 3 };
        var (service, _, queue) = Create(Documents, Streams, options);

        Assert.Null(await EscalateAsync(service, queue, Report(1, "0xCAA20003"), Ct));
        Assert.Null(await EscalateAsync(service, queue, Report(2, "0xCAA20004"), Ct));
        Assert.Null(await EscalateAsync(service, queue, Report(3, code: "  "), Ct));
        Assert.Null(await EscalateAsync(service, queue, Report(4, "0xcaa20003"), Ct));
        Assert.Null(await EscalateAsync(service, queue, Report(5, "AADSTS50076"), Ct));

        Assert.NotNull(await EscalateAsync(service, queue, Report(6, "0xCAA2 0003"), Ct));
    }

    [Fact]
    public async Task ReportAsync_Disabled_NeverOpensAnIncident()
    {
        var (service, _, queue) = Create(Documents, Streams, new IncidentOptions { Enabled = false, Threshold = 2 });

        for (var person = 1; person <= 5; person++)
        {
            Assert.Null(await EscalateAsync(service, queue, Report(person), Ct));
        }

        Assert.Equal(5, (await AllTicketsAsync(queue, Ct)).Count);
    }

    [Fact]
    public async Task ReportAsync_ManyAtOnce_OneIncidentTicketAndNobodyLost()
    {
        var (service, records, queue) = Create(Documents, Streams);
        var outcomes = new ConcurrentDictionary<int, OpenIncident?>();

        await Parallel.ForAsync(1, ParallelReporters + 1, new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = Ct }, async (person, token) =>
            outcomes[person] = await EscalateAsync(service, queue, Report(person), token));

        var joined = outcomes.Where(outcome => outcome.Value is not null).ToList();
        var number = Assert.Single(joined.Select(outcome => outcome.Value!.Number).Distinct(StringComparer.Ordinal));
        var ownTickets = outcomes.Count(outcome => outcome.Value is null);
        Assert.InRange(ownTickets, 9, 9 + 63); // the first nine, plus any that reported before the incident opened
        var tickets = await AllTicketsAsync(queue, Ct);
        Assert.Single(tickets, ticket => ticket.Request.RequestId.StartsWith("incident:", StringComparison.Ordinal));
        Assert.Equal(ownTickets + 1, tickets.Count);

        var incident = Assert.IsType<Incident>(await records.ReadAsync(number, Ct));
        Assert.Equal(ParallelReporters, incident.Affected.Count);
        Assert.Equal(joined.Select(outcome => $"case-{outcome.Key}").Order(StringComparer.Ordinal), incident.Affected.Where(report => report.Joined).Select(report => report.CaseId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ReportAsync_TheSameCaseTwice_IsLinkedOnce()
    {
        var (service, records, queue) = Create(Documents, Streams, new IncidentOptions { Threshold = 2 });
        await EscalateAsync(service, queue, Report(1), Ct);
        var incident = Assert.IsType<OpenIncident>(await EscalateAsync(service, queue, Report(2), Ct));

        // A turn retried after a state conflict offers the same case again.
        Assert.Equal(incident, await service.ReportAsync(Report(3), Ct));
        Assert.Equal(incident, await service.ReportAsync(Report(3), Ct));

        var read = Assert.IsType<Incident>(await records.ReadAsync(incident.Number, Ct));
        Assert.Equal(["case-1", "case-2", "case-3"], read.Affected.Select(report => report.CaseId));
    }

    [Fact]
    public async Task ResolveAsync_OpenIncident_ReturnsEveryoneAndLaterReportsCountAfresh()
    {
        var (service, records, queue) = Create(Documents, Streams, new IncidentOptions { Threshold = 3 });
        for (var person = 1; person <= 5; person++)
        {
            await EscalateAsync(service, queue, Report(person), Ct);
        }

        var first = Assert.IsType<OpenIncident>(await records.FindOpenAsync("0xCAA20003", Ct));

        var resolved = Assert.IsType<Incident>(await records.ResolveAsync(first.Number, Ct));
        var again = Assert.IsType<Incident>(await records.ResolveAsync(first.Number, Ct));

        Assert.False(resolved.IsOpen);
        Assert.Equal(5, resolved.Affected.Count);
        Assert.Equal(resolved.Affected.Select(report => report.CaseId), again.Affected.Select(report => report.CaseId));
        Assert.Null(await records.FindOpenAsync("0xCAA20003", Ct));
        Assert.Null(await EscalateAsync(service, queue, Report(6), Ct)); // counting starts over
        Assert.Null(await EscalateAsync(service, queue, Report(7), Ct));
        var second = Assert.IsType<OpenIncident>(await EscalateAsync(service, queue, Report(8), Ct));
        Assert.NotEqual(first.Number, second.Number);
        Assert.Equal(2, second.Generation);
        Assert.Equal(["case-6", "case-7", "case-8"], (await records.ReadAsync(second.Number, Ct))!.Affected.Select(report => report.CaseId));
        Assert.Null(await records.ResolveAsync("CAA-000001", Ct)); // a person's own ticket is no incident
    }
}
