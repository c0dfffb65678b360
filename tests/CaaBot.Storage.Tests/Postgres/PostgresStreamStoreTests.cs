using CaaBot.Storage.Abstractions;
using CaaBot.Storage.Postgres;
using CaaBot.Storage.Tests.Contracts;
using CaaBot.Storage.Tests.Support;

namespace CaaBot.Storage.Tests.Postgres;

/// <summary>The stream contract on a real PostgreSQL, a fresh schema per test.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresStreamStoreTests(PostgresServer server) : StreamStoreContract
{
    private PostgresDatabase? _database;

    protected override async Task<IStreamStore> CreateStoreAsync(TimeProvider clock, CancellationToken cancellationToken)
    {
        _database = new PostgresDatabase(new PostgresDatabaseOptions { ConnectionString = server.ConnectionString(), Schema = PostgresServer.NewSchema() });
        await _database.InitializeAsync(cancellationToken);
        return new PostgresStreamStore(_database, clock);
    }

    protected override async Task DisposeStoreAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
