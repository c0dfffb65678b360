using System.Text;
using CaaBot.Storage.Abstractions;
using CaaBot.Storage.Postgres;
using CaaBot.Storage.Tests.Support;

namespace CaaBot.Storage.Tests.Postgres;

/// <summary>
/// The readiness probe and the listener against a server that stops and comes back. These tests stop their own
/// PostgreSQL (not the shared one), so they may run beside the others.
/// </summary>
public sealed class PostgresHealthTests : IAsyncLifetime
{
    private readonly PostgresServer _server = new();
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(3));
    private readonly List<PostgresDatabase> _databases = [];
    private readonly string _schema = PostgresServer.NewSchema();

    private CancellationToken Ct => _timeout.Token;

    public Task InitializeAsync() => _server.InitializeAsync();

    public async Task DisposeAsync()
    {
        foreach (var database in _databases)
        {
            await database.DisposeAsync();
        }

        await _server.DisposeAsync();
        _timeout.Dispose();
    }

    [Fact]
    public async Task IsReachableAsync_ServerStoppedThenStartedAgain_FalseWhileStoppedTrueAfter()
    {
        var database = await OpenAsync();
        var documents = new PostgresDocumentStore(database);
        await documents.WriteAsync("doc", Encoding.UTF8.GetBytes("before"), WritePrecondition.None, Ct);
        Assert.True(await database.IsReachableAsync(Ct));
        Assert.NotNull(await _server.ScalarAsync($"SELECT checked_at FROM {_schema}.health_probe WHERE id = 1;", Ct));

        await _server.StopAsync();

        Assert.False(await database.IsReachableAsync(Ct));
        await Assert.ThrowsAnyAsync<Exception>(() => documents.ReadAsync("doc", Ct));

        await _server.StartAsync();

        Assert.True(await database.IsReachableAsync(Ct));
        Assert.Equal("before", Encoding.UTF8.GetString((await documents.ReadAsync("doc", Ct))!.Content.Span));
    }

    [Fact]
    public async Task IsReachableAsync_NothingListensOnThePort_ReturnsFalse()
    {
        var port = _server.Port;
        await _server.StopAsync();
        var database = Track(new PostgresDatabase(new PostgresDatabaseOptions
        {
            ConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=caabot_tests;Timeout=3",
            Schema = _schema,
        }));

        Assert.False(await database.IsReachableAsync(Ct));
        await Assert.ThrowsAnyAsync<Exception>(() => database.InitializeAsync(Ct));
    }

    [Fact]
    public async Task IsReachableAsync_CancelledToken_Throws()
    {
        var database = await OpenAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => database.IsReachableAsync(cancelled.Token));
    }

    [Fact]
    public async Task Subscribe_ServerRestarted_ListenerReconnectsAndHearsTheOtherInstanceAgain()
    {
        var one = await OpenAsync();
        var two = await OpenAsync();
        var recorder = new SequenceRecorder();
        using var subscription = new PostgresStreamStore(two).Subscribe("s", recorder.OnAppended);
        await two.WaitForListenerAsync(1, Ct);
        var appender = new PostgresStreamStore(one);
        await appender.AppendAsync("s", Encoding.UTF8.GetBytes("1"), Ct);
        await recorder.WaitForAsync(1, Ct);

        await _server.StopAsync();
        await _server.StartAsync();

        // The first append after the restart may meet a pooled connection the server closed: then it is retried.
        Assert.True(await one.IsReachableAsync(Ct));
        await AppendRetryingAsync(appender, "s", Ct);
        await recorder.WaitForAsync(2, Ct);
        Assert.True(two.ListenerConnections >= 2);
    }

    private static async Task AppendRetryingAsync(PostgresStreamStore store, string stream, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await store.AppendAsync(stream, Encoding.UTF8.GetBytes("after restart"), cancellationToken);
                return;
            }
            catch (Npgsql.NpgsqlException) when (attempt < 3)
            {
            }
        }
    }

    private async Task<PostgresDatabase> OpenAsync()
    {
        var database = Track(new PostgresDatabase(new PostgresDatabaseOptions
        {
            ConnectionString = _server.ConnectionString(),
            Schema = _schema,
            ListenerReconnectDelay = TimeSpan.FromMilliseconds(200),
            MaxListenerReconnectDelay = TimeSpan.FromSeconds(1),
        }));
        await database.InitializeAsync(Ct);
        return database;
    }

    private PostgresDatabase Track(PostgresDatabase database)
    {
        _databases.Add(database);
        return database;
    }
}
