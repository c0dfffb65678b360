using System.Globalization;
using System.Text;
using CaaBot.Storage.Abstractions;
using CaaBot.Storage.Postgres;
using CaaBot.Storage.Tests.Support;

namespace CaaBot.Storage.Tests.Postgres;

/// <summary>
/// Two <see cref="PostgresDatabase"/> objects on one schema stand for two bot instances: each has its own pool, its
/// own listening connection and its own instance id, exactly as two processes would.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresTwoInstanceTests(PostgresServer server) : IAsyncLifetime
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(2));
    private readonly string _schema = PostgresServer.NewSchema();
    private readonly List<PostgresDatabase> _databases = [];

    private CancellationToken Ct => _timeout.Token;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var database in _databases)
        {
            await database.DisposeAsync();
        }

        _timeout.Dispose();
    }

    [Fact]
    public async Task Subscribe_AppendOnTheOtherInstance_IsHeardAndReadable()
    {
        var (one, two) = await TwoInstancesAsync();
        var recorder = new SequenceRecorder();
        using var subscription = new PostgresStreamStore(two).Subscribe("conversation/a", recorder.OnAppended);
        await two.WaitForListenerAsync(1, Ct);

        var sequence = await new PostgresStreamStore(one).AppendAsync("conversation/a", Encoding.UTF8.GetBytes("from one"), Ct);

        await recorder.WaitForAsync(sequence, Ct);
        var entry = Assert.Single(await new PostgresStreamStore(two).ReadAsync("conversation/a", sequence - 1, 10, Ct));
        Assert.Equal("from one", Encoding.UTF8.GetString(entry.Payload.Span));
    }

    [Fact]
    public async Task Subscribe_UnicodeStreamNameAcrossInstances_IsHeardUnderTheSameName()
    {
        var (one, two) = await TwoInstancesAsync();
        var name = "directline/会话 🙂/quote'\"";
        var recorder = new SequenceRecorder();
        var other = new SequenceRecorder();
        using var subscription = new PostgresStreamStore(two).Subscribe(name, recorder.OnAppended);
        using var otherSubscription = new PostgresStreamStore(two).Subscribe(name + "x", other.OnAppended);
        await two.WaitForListenerAsync(1, Ct);

        await new PostgresStreamStore(one).AppendAsync(name, Encoding.UTF8.GetBytes("x"), Ct);

        await recorder.WaitForAsync(1, Ct);
        Assert.Empty(other.Heard);
    }

    [Fact]
    public async Task Subscribe_OwnAppendsAndTheOtherInstances_EachHeardExactlyOnce()
    {
        var (one, two) = await TwoInstancesAsync();
        var recorder = new SequenceRecorder();
        using var subscription = new PostgresStreamStore(one).Subscribe("s", recorder.OnAppended);
        await one.WaitForListenerAsync(1, Ct);

        await new PostgresStreamStore(one).AppendAsync("s", Encoding.UTF8.GetBytes("own"), Ct);
        await new PostgresStreamStore(two).AppendAsync("s", Encoding.UTF8.GetBytes("other"), Ct);

        // NOTIFYs arrive in commit order: once 2 (from the other instance) is heard, a looped-back 1 would have been too.
        await recorder.WaitForAsync(2, Ct);
        Assert.Equal([1L, 2L], recorder.Heard);
    }

    [Fact]
    public async Task AppendAsync_BothInstancesInParallel_NumberGapFreeAndEveryoneHearsTheLast()
    {
        var (one, two) = await TwoInstancesAsync();
        var heardByOne = new SequenceRecorder();
        var heardByTwo = new SequenceRecorder();
        using var s1 = new PostgresStreamStore(one).Subscribe("shared", heardByOne.OnAppended);
        using var s2 = new PostgresStreamStore(two).Subscribe("shared", heardByTwo.OnAppended);
        await one.WaitForListenerAsync(1, Ct);
        await two.WaitForListenerAsync(1, Ct);
        var stores = new[] { new PostgresStreamStore(one), new PostgresStreamStore(two) };

        var appends = Enumerable.Range(0, 8).Select(i => Task.Run(
            async () =>
            {
                var sequences = new List<long>();
                for (var j = 0; j < 50; j++)
                {
                    sequences.Add(await stores[i % 2].AppendAsync("shared", Encoding.UTF8.GetBytes($"{i}/{j}"), Ct));
                }

                return sequences;
            },
            Ct));

        var all = (await Task.WhenAll(appends)).SelectMany(s => s).Order().ToList();
        Assert.Equal(Enumerable.Range(1, 400).Select(i => (long)i), all);
        Assert.Equal(400, await stores[1].GetLastSequenceAsync("shared", Ct));
        Assert.Equal(Enumerable.Range(1, 400).Select(i => (long)i), (await stores[0].ReadAsync("shared", 0, 1000, Ct)).Select(e => e.Sequence));
        await heardByOne.WaitForAsync(400, Ct);
        await heardByTwo.WaitForAsync(400, Ct);
        Assert.Equal(400, heardByOne.Heard.Distinct().Count());
        Assert.Equal(400, heardByTwo.Heard.Distinct().Count());
    }

    [Fact]
    public async Task WriteAsync_BothInstancesPresentTheSameETag_ExactlyOneWinsEachRound()
    {
        var (one, two) = await TwoInstancesAsync();
        var stores = new[] { new PostgresDocumentStore(one), new PostgresDocumentStore(two) };
        var etag = await stores[0].WriteAsync("state", Encoding.UTF8.GetBytes("start"), WritePrecondition.MustNotExist, Ct);

        for (var round = 0; round < 20; round++)
        {
            var expected = etag;
            var attempts = Enumerable.Range(0, 6).Select(writer => Task.Run(
                async () =>
                {
                    try
                    {
                        return (Writer: writer, ETag: (string?)await stores[writer % 2].WriteAsync(
                            "state", Encoding.UTF8.GetBytes($"writer {writer}"), WritePrecondition.IfMatch(expected), Ct));
                    }
                    catch (ConcurrencyConflictException)
                    {
                        return (Writer: writer, ETag: (string?)null);
                    }
                },
                Ct));

            var winner = Assert.Single(await Task.WhenAll(attempts), attempt => attempt.ETag is not null);
            var read = await stores[round % 2].ReadAsync("state", Ct);
            Assert.Equal($"writer {winner.Writer}", Encoding.UTF8.GetString(read!.Content.Span));
            Assert.Equal(winner.ETag, read.ETag);
            etag = winner.ETag!;
        }
    }

    [Fact]
    public async Task WriteAsync_BothInstancesCreateTheSameKey_ExactlyOneCreates()
    {
        var (one, two) = await TwoInstancesAsync();
        var stores = new[] { new PostgresDocumentStore(one), new PostgresDocumentStore(two) };

        var attempts = await Task.WhenAll(Enumerable.Range(0, 8).Select(writer => Task.Run(
            async () =>
            {
                try
                {
                    await stores[writer % 2].WriteAsync("resume/KXRT-9M2Q", Encoding.UTF8.GetBytes($"{writer}"), WritePrecondition.MustNotExist, Ct);
                    return true;
                }
                catch (ConcurrencyConflictException)
                {
                    return false;
                }
            },
            Ct)));

        Assert.Single(attempts, created => created);
    }

    [Fact]
    public async Task UpdateAsync_IncrementsFromBothInstances_LoseNoUpdate()
    {
        var (one, two) = await TwoInstancesAsync();
        var stores = new[] { new PostgresDocumentStore(one), new PostgresDocumentStore(two) };
        await stores[0].WriteAsync("counter", Encoding.UTF8.GetBytes("0"), WritePrecondition.MustNotExist, Ct);

        await Task.WhenAll(Enumerable.Range(0, 6).Select(writer => Task.Run(
            async () =>
            {
                for (var done = 0; done < 25;)
                {
                    var store = stores[writer % 2];
                    var read = await store.ReadAsync("counter", Ct);
                    var next = long.Parse(Encoding.UTF8.GetString(read!.Content.Span), CultureInfo.InvariantCulture) + 1;
                    try
                    {
                        await store.WriteAsync("counter", Encoding.UTF8.GetBytes(next.ToString(CultureInfo.InvariantCulture)), WritePrecondition.IfMatch(read.ETag), Ct);
                        done++;
                    }
                    catch (ConcurrencyConflictException)
                    {
                        // The other instance (or a neighbour) got there first: read again.
                    }
                }
            },
            Ct)));

        Assert.Equal("150", Encoding.UTF8.GetString((await stores[1].ReadAsync("counter", Ct))!.Content.Span));
    }

    [Fact]
    public async Task Subscribe_ListeningConnectionKilled_ReconnectsAndReportsTheAppendMadeMeanwhile()
    {
        var one = await OpenAsync();
        var two = await OpenAsync(reconnectDelay: TimeSpan.FromSeconds(2));
        var recorder = new SequenceRecorder();
        using var subscription = new PostgresStreamStore(two).Subscribe("s", recorder.OnAppended);
        await two.WaitForListenerAsync(1, Ct);
        var listener = two.ListenerProcessId;
        Assert.NotEqual(0, listener);

        Assert.Equal(true, await server.ScalarAsync($"SELECT pg_terminate_backend({listener});", Ct));
        await Poll.UntilAsync(() => two.ListenerProcessId == 0, Ct);

        // The NOTIFY of this append reaches nobody on instance two: it is not listening (for two seconds).
        var sequence = await new PostgresStreamStore(one).AppendAsync("s", Encoding.UTF8.GetBytes("while away"), Ct);
        Assert.Empty(recorder.Heard);

        await two.WaitForListenerAsync(2, Ct);
        await recorder.WaitForAsync(sequence, Ct);
        Assert.NotEqual(listener, two.ListenerProcessId);

        // And it listens again.
        await new PostgresStreamStore(one).AppendAsync("s", Encoding.UTF8.GetBytes("after"), Ct);
        await recorder.WaitForAsync(sequence + 1, Ct);
    }

    [Fact]
    public async Task InitializeAsync_ManyInstancesOnAFreshSchemaAtOnce_MigrateExactlyOnce()
    {
        var databases = Enumerable.Range(0, 6).Select(_ => Track(NewDatabase())).ToList();

        await Task.WhenAll(databases.Select(database => Task.Run(() => database.InitializeAsync(Ct), Ct)));

        Assert.Equal(1L, await server.ScalarAsync($"SELECT count(*) FROM {_schema}.schema_version;", Ct));
        Assert.Equal(PostgresDatabase.CurrentSchemaVersion, await databases[0].GetSchemaVersionAsync(Ct));
    }

    [Fact]
    public async Task InitializeAsync_ExistingSchemaWithData_KeepsTheDataAndVersion()
    {
        var first = await OpenAsync();
        var etag = await new PostgresDocumentStore(first).WriteAsync("doc", Encoding.UTF8.GetBytes("kept"), WritePrecondition.MustNotExist, Ct);
        await new PostgresStreamStore(first).AppendAsync("s", Encoding.UTF8.GetBytes("kept"), Ct);
        await first.DisposeAsync();

        var again = await OpenAsync();

        var read = await new PostgresDocumentStore(again).ReadAsync("doc", Ct);
        Assert.Equal("kept", Encoding.UTF8.GetString(read!.Content.Span));
        Assert.Equal(etag, read.ETag);
        Assert.Equal(2, await new PostgresStreamStore(again).AppendAsync("s", Encoding.UTF8.GetBytes("next"), Ct));
        Assert.Equal(1L, await server.ScalarAsync($"SELECT count(*) FROM {_schema}.schema_version;", Ct));
    }

    [Fact]
    public async Task InitializeAsync_SchemaCreatedByAnAdminBeforehand_CreatesTheTablesInIt()
    {
        await server.ScalarAsync($"CREATE SCHEMA {_schema}; CREATE TABLE {_schema}.unrelated (id int);", Ct);

        var database = await OpenAsync();

        Assert.Equal(PostgresDatabase.CurrentSchemaVersion, await database.GetSchemaVersionAsync(Ct));
        Assert.True(await database.IsReachableAsync(Ct));
        Assert.Equal(0L, await server.ScalarAsync($"SELECT count(*) FROM {_schema}.unrelated;", Ct));
    }

    [Fact]
    public async Task InitializeAsync_SchemaFromANewerBuild_Refuses()
    {
        var first = await OpenAsync();
        await server.ScalarAsync($"INSERT INTO {_schema}.schema_version (version) VALUES ({PostgresDatabase.CurrentSchemaVersion + 1});", Ct);
        await first.DisposeAsync();

        var older = Track(NewDatabase());

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => older.InitializeAsync(Ct));
        Assert.Contains("newer", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoSchemasInOneDatabase_DoNotHearEachOther()
    {
        var mine = await OpenAsync();
        var elsewhere = Track(new PostgresDatabase(new PostgresDatabaseOptions { ConnectionString = server.ConnectionString(), Schema = PostgresServer.NewSchema() }));
        var myRecorder = new SequenceRecorder();
        using var subscription = new PostgresStreamStore(mine).Subscribe("s", myRecorder.OnAppended);
        await mine.WaitForListenerAsync(1, Ct);
        var mineToo = await OpenAsync();

        await new PostgresStreamStore(elsewhere).AppendAsync("s", Encoding.UTF8.GetBytes("other deployment"), Ct);
        await new PostgresStreamStore(elsewhere).AppendAsync("s", Encoding.UTF8.GetBytes("other deployment"), Ct);
        for (var i = 0; i < 3; i++)
        {
            await new PostgresStreamStore(mineToo).AppendAsync("s", Encoding.UTF8.GetBytes("same deployment"), Ct);
        }

        // Notifications arrive in commit order: the other deployment's 1 and 2 would have come before this 3.
        await myRecorder.WaitForAsync(3, Ct);
        Assert.Equal([1L, 2L, 3L], myRecorder.Heard);
        Assert.Equal(3, await new PostgresStreamStore(mine).GetLastSequenceAsync("s", Ct));
    }

    private async Task<(PostgresDatabase One, PostgresDatabase Two)> TwoInstancesAsync()
    {
        var one = await OpenAsync();
        var two = await OpenAsync();
        Assert.NotEqual(one.InstanceId, two.InstanceId);
        return (one, two);
    }

    private PostgresDatabase NewDatabase(TimeSpan? reconnectDelay = null) => new(new PostgresDatabaseOptions
    {
        ConnectionString = server.ConnectionString(),
        Schema = _schema,
        ListenerReconnectDelay = reconnectDelay ?? TimeSpan.FromMilliseconds(200),
    });

    private async Task<PostgresDatabase> OpenAsync(TimeSpan? reconnectDelay = null)
    {
        var database = Track(NewDatabase(reconnectDelay));
        await database.InitializeAsync(Ct);
        return database;
    }

    private PostgresDatabase Track(PostgresDatabase database)
    {
        _databases.Add(database);
        return database;
    }
}
