using CaaBot.Storage.Abstractions;
using CaaBot.Storage.Sqlite;
using CaaBot.Storage.Tests.Contracts;
using CaaBot.Storage.Tests.Support;

namespace CaaBot.Storage.Tests.Sqlite;

/// <summary>The stream contract on a fresh SQLite file per test, deleted afterwards.</summary>
public sealed class SqliteStreamStoreTests : StreamStoreContract
{
    private readonly TempDirectory _directory = new();
    private SqliteDatabase? _database;

    protected override async Task<IStreamStore> CreateStoreAsync(TimeProvider clock, CancellationToken cancellationToken)
    {
        _database = new SqliteDatabase(_directory.Path);
        await _database.InitializeAsync(cancellationToken);
        return new SqliteStreamStore(_database, clock);
    }

    protected override Task DisposeStoreAsync()
    {
        _database?.Dispose();
        _directory.Dispose();
        return Task.CompletedTask;
    }
}
