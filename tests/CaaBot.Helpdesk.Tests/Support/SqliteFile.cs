using CaaBot.Storage.Abstractions;
using CaaBot.Storage.Sqlite;

namespace CaaBot.Helpdesk.Tests.Support;

/// <summary>
/// One SQLite file in a temporary folder for the contract tests: each <see cref="OpenAsync"/> is another "process"
/// (its own database object) on the same file; disposing closes them all and deletes the folder.
/// </summary>
public sealed class SqliteFile : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly List<SqliteDatabase> _databases = [];

    public async Task<SqliteDatabase> OpenAsync(CancellationToken cancellationToken)
    {
        var database = new SqliteDatabase(_directory.Path);
        _databases.Add(database);
        await database.InitializeAsync(cancellationToken);
        return database;
    }

    /// <summary>The two stores over a newly opened database on the file.</summary>
    public async Task<(IDocumentStore Documents, IStreamStore Streams)> OpenStoresAsync(CancellationToken cancellationToken)
    {
        var database = await OpenAsync(cancellationToken);
        return (new SqliteDocumentStore(database), new SqliteStreamStore(database));
    }

    public void Dispose()
    {
        foreach (var database in _databases)
        {
            database.Dispose();
        }

        _directory.Dispose();
    }
}
