using System.Text;
using CaaBot.Storage.Abstractions;
using CaaBot.Storage.Postgres;
using CaaBot.Storage.Tests.Support;
using Npgsql;

namespace CaaBot.Storage.Tests.Postgres;

/// <summary>The stores' statements are prepared on the server after a few uses, unless the connection string says otherwise.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresPreparedStatementTests(PostgresServer server) : IAsyncLifetime
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(2));
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
    public async Task StoreCalls_RepeatedOnTheDefaultSettings_RunAsPreparedStatements()
    {
        var database = await UseAsync(server.ConnectionString());

        Assert.True(await PreparedOnThePooledConnectionAsync(database) >= 2);
    }

    [Fact]
    public async Task StoreCalls_ConnectionStringTurnsAutoPrepareOff_NothingIsPrepared()
    {
        var database = await UseAsync(server.ConnectionString() + ";Max Auto Prepare=0");

        Assert.Equal(0L, await PreparedOnThePooledConnectionAsync(database));
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=5", 5, true)]
    [InlineData("Host=db;No Reset On Close=false", 32, false)]
    [InlineData("Host=db", 32, true)]
    public void WithStoreDefaults_SettingsGivenInTheConnectionString_AreKept(string connectionString, int maxAutoPrepare, bool noResetOnClose)
    {
        var builder = PostgresDatabase.WithStoreDefaults(connectionString);

        Assert.Equal(maxAutoPrepare, builder.MaxAutoPrepare);
        Assert.Equal(noResetOnClose, builder.NoResetOnClose);
        Assert.Equal("db", builder.Host);
    }

    private async Task<PostgresDatabase> UseAsync(string connectionString)
    {
        var database = new PostgresDatabase(new PostgresDatabaseOptions { ConnectionString = connectionString, Schema = PostgresServer.NewSchema() });
        _databases.Add(database);
        var documents = new PostgresDocumentStore(database);
        var streams = new PostgresStreamStore(database);

        // One call at a time, so every call gets the pool's one connection and its statements are prepared there.
        for (var i = 0; i < 6; i++)
        {
            await documents.WriteAsync("doc", Encoding.UTF8.GetBytes($"v{i}"), WritePrecondition.None, Ct);
            await documents.ReadAsync("doc", Ct);
            await streams.AppendAsync("s", Encoding.UTF8.GetBytes($"e{i}"), Ct);
        }

        return database;
    }

    private async Task<long> PreparedOnThePooledConnectionAsync(PostgresDatabase database)
    {
        await using var connection = await database.OpenConnectionAsync(Ct);
        await using var count = new NpgsqlCommand("SELECT count(*) FROM pg_prepared_statements;", connection);
        return (long)(await count.ExecuteScalarAsync(Ct))!;
    }
}
