using CaaBot.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace CaaBot.Storage.Tests.Support;

/// <summary>
/// A SQLite file as a schema version 3 build left it: the shipped migrations 1-3 on a connection with foreign keys on, and
/// rows written with the statements that build's stores ran (an entry carries its stream's name). Dispose closes the
/// file, so a <see cref="SqliteDatabase"/> can open and migrate it.
/// </summary>
internal sealed class SqliteVersion3File : IAsyncDisposable
{
    private readonly SqliteConnection _connection;

    private SqliteVersion3File(SqliteConnection connection) => _connection = connection;

    public static async Task<SqliteVersion3File> CreateAsync(string filePath, CancellationToken cancellationToken)
    {
        var file = await OpenExistingAsync(filePath, cancellationToken);
        await SqliteSchema.MigrateAsync(file._connection, NullLogger.Instance, targetVersion: 3, cancellationToken);
        return file;
    }

    /// <summary>Opens the file again without migrating it, e.g. to see that a failed migration left it as it was.</summary>
    public static async Task<SqliteVersion3File> OpenExistingAsync(string filePath, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = filePath, Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        var file = new SqliteVersion3File(connection);
        await file.ExecuteAsync("PRAGMA foreign_keys = ON;", [], cancellationToken);
        return file;
    }

    public Task<int> GetSchemaVersionAsync(CancellationToken cancellationToken) =>
        SqliteSchema.GetVersionAsync(_connection, transaction: null, cancellationToken);

    /// <summary>An append of the version 3 stream store: the head upsert and the entry, keyed by name, encoded as that build encoded.</summary>
    public Task AppendAsync(string stream, byte[] payload, long appendedAt, CancellationToken cancellationToken)
    {
        var (blob, encoding) = SqliteDocumentEncoding.Encode(payload, SqliteDocumentEncoding.EntryQuality);
        return ExecuteAsync(
            """
            INSERT INTO streams (name, last_sequence) VALUES ($stream, 1)
            ON CONFLICT (name) DO UPDATE SET last_sequence = last_sequence + 1;
            INSERT INTO stream_entries (stream, sequence, appended_at, payload, encoding)
            VALUES ($stream, (SELECT last_sequence FROM streams WHERE name = $stream), $appendedAt, $payload, $encoding);
            """,
            [("$stream", stream), ("$appendedAt", appendedAt), ("$payload", blob), ("$encoding", encoding)],
            cancellationToken);
    }

    /// <summary>An append of a build before version 3: raw bytes, no encoding column in the statement, so its default (0).</summary>
    public Task AppendBeforeEncodingExistedAsync(string stream, byte[] payload, long appendedAt, CancellationToken cancellationToken) =>
        ExecuteAsync(
            """
            INSERT INTO streams (name, last_sequence) VALUES ($stream, 1)
            ON CONFLICT (name) DO UPDATE SET last_sequence = last_sequence + 1;
            INSERT INTO stream_entries (stream, sequence, appended_at, payload)
            VALUES ($stream, (SELECT last_sequence FROM streams WHERE name = $stream), $appendedAt, $payload);
            """,
            [("$stream", stream), ("$appendedAt", appendedAt), ("$payload", payload)],
            cancellationToken);

    /// <summary>An entry without a head row, which only a writer with foreign keys off can leave behind.</summary>
    public async Task AppendWithoutHeadRowAsync(string stream, byte[] payload, CancellationToken cancellationToken)
    {
        await ExecuteAsync("PRAGMA foreign_keys = OFF;", [], cancellationToken);
        await ExecuteAsync(
            "INSERT INTO stream_entries (stream, sequence, appended_at, payload, encoding) VALUES ($stream, 1, 0, $payload, 0);",
            [("$stream", stream), ("$payload", payload)],
            cancellationToken);
        await ExecuteAsync("PRAGMA foreign_keys = ON;", [], cancellationToken);
    }

    public Task WriteDocumentAsync(string key, string etag, byte[] content, CancellationToken cancellationToken) =>
        ExecuteAsync(
            "INSERT INTO documents (key, etag, content, updated_at, encoding) VALUES ($key, $etag, $content, 0, 0);",
            [("$key", key), ("$etag", etag), ("$content", content)],
            cancellationToken);

    /// <summary>Every entry in the order it was written.</summary>
    public async Task<List<StoredEntry>> ReadEntriesAsync(CancellationToken cancellationToken)
    {
        await using var query = _connection.CreateCommand();
        query.CommandText = "SELECT stream, sequence, appended_at, payload, encoding FROM stream_entries ORDER BY rowid;";
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        var entries = new List<StoredEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new StoredEntry(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), Convert.ToHexString(reader.GetFieldValue<byte[]>(3)), reader.GetInt64(4)));
        }

        return entries;
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    private async Task ExecuteAsync(string sql, (string Name, object Value)[] parameters, CancellationToken cancellationToken)
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
