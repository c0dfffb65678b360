using System.Collections.Concurrent;
using CaaBot.Helpdesk.Incidents;
using CaaBot.Helpdesk.Tests.Support;
using CaaBot.Storage.Abstractions;
using CaaBot.Storage.Sqlite;

namespace CaaBot.Helpdesk.Tests.Incidents;

/// <summary>The incident contract on a fresh SQLite file per test, plus what only a shared file shows: a restart, two processes.</summary>
public sealed class SqliteIncidentServiceTests : IncidentServiceContract
{
    private readonly SqliteFile _file = new();

    protected override int ParallelReporters => 300;

    protected override Task<(IDocumentStore Documents, IStreamStore Streams)> CreateStoresAsync(CancellationToken cancellationToken) =>
        _file.OpenStoresAsync(cancellationToken);

    protected override Task DisposeStoresAsync()
    {
        _file.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task ReportAsync_AfterRestart_JoinsTheIncidentOpenedBefore()
    {
        var (before, _, beforeQueue) = Create(Documents, Streams, new IncidentOptions { Threshold = 2 });
        await EscalateAsync(before, beforeQueue, Report(1), Ct);
        var incident = Assert.IsType<OpenIncident>(await EscalateAsync(before, beforeQueue, Report(2), Ct));

        var database = await _file.OpenAsync(Ct);
        var (after, records, afterQueue) = Create(new SqliteDocumentStore(database), new SqliteStreamStore(database), new IncidentOptions { Threshold = 2 });

        Assert.Equal(incident, await EscalateAsync(after, afterQueue, Report(3), Ct));
        Assert.Equal(3, (await records.ReadAsync(incident.Number, Ct))!.Affected.Count);
    }

    [Fact]
    public async Task ReportAsync_TwoProcessesOnOneFile_OpenOneIncidentBetweenThem()
    {
        var processes = new List<(IncidentService Service, IncidentRecords Records, Helpdesk.BuiltIn.BuiltInTicketQueue Queue)>();
        for (var i = 0; i < 2; i++)
        {
            var database = await _file.OpenAsync(Ct);
            processes.Add(Create(new SqliteDocumentStore(database), new SqliteStreamStore(database)));
        }

        var outcomes = new ConcurrentDictionary<int, OpenIncident?>();
        await Parallel.ForAsync(1, 201, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = Ct }, async (person, token) =>
        {
            var (service, _, queue) = processes[person % 2];
            outcomes[person] = await EscalateAsync(service, queue, Report(person), token);
        });

        var number = Assert.Single(outcomes.Values.OfType<OpenIncident>().Select(open => open.Number).Distinct(StringComparer.Ordinal));
        var tickets = await processes[0].Queue.ListRecentAsync(500, Ct);
        Assert.Single(tickets, ticket => ticket.Request.RequestId.StartsWith("incident:", StringComparison.Ordinal));
        Assert.Equal(outcomes.Count(outcome => outcome.Value is null) + 1, tickets.Count);
        Assert.Equal(200, (await processes[1].Records.ReadAsync(number, Ct))!.Affected.Count);
    }
}
