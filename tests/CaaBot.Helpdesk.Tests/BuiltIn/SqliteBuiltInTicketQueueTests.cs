using CaaBot.Helpdesk.BuiltIn;
using CaaBot.Helpdesk.Tests.Support;
using CaaBot.Helpdesk.Tickets;
using CaaBot.Storage.Abstractions;
using CaaBot.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace CaaBot.Helpdesk.Tests.BuiltIn;

/// <summary>The queue contract on a fresh SQLite file per test, plus what only a shared file can show.</summary>
public sealed class SqliteBuiltInTicketQueueTests : BuiltInTicketQueueContract
{
    private readonly SqliteFile _file = new();

    protected override Task<(IDocumentStore Documents, IStreamStore Streams)> CreateStoresAsync(CancellationToken cancellationToken) =>
        _file.OpenStoresAsync(cancellationToken);

    protected override Task DisposeStoresAsync()
    {
        _file.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task SubmitAsync_TwoProcessesOnOneSqliteFile_NeverDuplicateNumbers()
    {
        // Each "process" has its own SqliteDatabase, stores and queue; only the file is shared.
        var processes = new List<BuiltInTicketQueue>();
        for (var i = 0; i < 2; i++)
        {
            var database = await _file.OpenAsync(Ct);
            processes.Add(new BuiltInTicketQueue(new SqliteDocumentStore(database), new SqliteStreamStore(database), TimeProvider.System, NullLogger<BuiltInTicketQueue>.Instance));
        }

        var submits = Enumerable.Range(0, 60).Select(i => Task.Run(
            () => processes[i % 2].SubmitAsync(Requests.Minimal(i < 50 ? $"case-{i}" : "retried-on-both"), Ct),
            Ct));
        var tickets = await Task.WhenAll(submits);

        var numbers = tickets.Where(t => t.Request.RequestId != "retried-on-both").Select(t => t.Number).ToArray();
        Assert.Equal(50, numbers.Distinct(StringComparer.Ordinal).Count());
        var shared = Assert.Single(tickets.Where(t => t.Request.RequestId == "retried-on-both").Select(t => t.Number).Distinct(StringComparer.Ordinal));
        Assert.DoesNotContain(shared, numbers);
        var listedByEach = await Task.WhenAll(processes.Select(queue => queue.ListRecentAsync(100, Ct)));
        Assert.All(listedByEach, listed => Assert.Equal(51, listed.Select(t => t.Number).Distinct(StringComparer.Ordinal).Count()));
        Assert.All(listedByEach, listed => Assert.Equal(51, listed.Count));
    }

    [Fact]
    public async Task SubmitAsync_AfterReopeningTheFile_ContinuesNumberingAndFindsOldTickets()
    {
        var before = await Queue.SubmitAsync(Requests.Minimal("case-1"), Ct);
        var database = await _file.OpenAsync(Ct);
        var reopened = new BuiltInTicketQueue(new SqliteDocumentStore(database), new SqliteStreamStore(database), TimeProvider.System, NullLogger<BuiltInTicketQueue>.Instance);

        var after = await reopened.SubmitAsync(Requests.Minimal("case-2"), Ct);

        Assert.Equal("CAA-000002", after.Number);
        Assert.Equal(before.Number, (await reopened.FindAsync("caa-1", Ct))?.Number);
        Assert.Equal(TicketStatus.New, (await reopened.FindAsync("2", Ct))?.Status);
    }
}
