using CaaBot.Storage.Abstractions;
using Microsoft.Data.Sqlite;

namespace CaaBot.Storage.Sqlite;

/// <summary>
/// <see cref="IDocumentStore"/> on a <see cref="SqliteDatabase"/>. Every conditional write is a single
/// statement whose WHERE / ON CONFLICT clause carries the precondition, so checking and writing cannot be
/// separated by another writer; zero rows affected means the precondition failed and nothing changed.
/// </summary>
public sealed class SqliteDocumentStore(SqliteDatabase database, TimeProvider timeProvider) : IDocumentStore
{
    private const string UpsertSql = """
        INSERT INTO documents (key, etag, content, encoding, updated_at) VALUES ($key, $etag, $content, $encoding, $now)
        ON CONFLICT (key) DO UPDATE SET etag = excluded.etag, content = excluded.content, encoding = excluded.encoding, updated_at = excluded.updated_at;
        """;

    private const string InsertSql = """
        INSERT INTO documents (key, etag, content, encoding, updated_at) VALUES ($key, $etag, $content, $encoding, $now)
        ON CONFLICT (key) DO NOTHING;
        """;

    private const string UpdateIfMatchSql = """
        UPDATE documents SET etag = $etag, content = $content, encoding = $encoding, updated_at = $now
        WHERE key = $key AND etag = $expected;
        """;

    private readonly SqliteDatabase _database = database ?? throw new ArgumentNullException(nameof(database));
    private readonly TimeProvider _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));

    public SqliteDocumentStore(SqliteDatabase database)
        : this(database, TimeProvider.System)
    {
    }

    public async Task<StoredDocument?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        StorageLimits.ValidateName(key, nameof(key));
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT etag, content, encoding FROM documents WHERE key = $key;";
        command.Parameters.AddWithValue("$key", key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new StoredDocument(key, reader.GetString(0), SqliteDocumentEncoding.Decode(reader.GetFieldValue<byte[]>(1), reader.GetInt64(2)));
    }

    public async Task<string> WriteAsync(string key, ReadOnlyMemory<byte> content, WritePrecondition precondition, CancellationToken cancellationToken)
    {
        StorageLimits.ValidateName(key, nameof(key));
        var etag = NewETag();
        var (blob, encoding) = SqliteDocumentEncoding.Encode(content);
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = precondition.Kind switch
        {
            WritePreconditionKind.None => UpsertSql,
            WritePreconditionKind.MustNotExist => InsertSql,
            WritePreconditionKind.IfMatch => UpdateIfMatchSql,
            _ => throw new ArgumentOutOfRangeException(nameof(precondition), precondition.Kind, "Unknown precondition."),
        };
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$etag", etag);
        command.Parameters.Add("$content", SqliteType.Blob).Value = blob;
        command.Parameters.AddWithValue("$encoding", encoding);
        command.Parameters.AddWithValue("$now", _timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
        if (precondition.Kind == WritePreconditionKind.IfMatch)
        {
            command.Parameters.AddWithValue("$expected", precondition.ETag);
        }

        using var writing = await _database.EnterWriteAsync(cancellationToken);
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            throw new ConcurrencyConflictException(key, precondition);
        }

        return etag;
    }

    public async Task<bool> DeleteAsync(string key, WritePrecondition precondition, CancellationToken cancellationToken)
    {
        StorageLimits.ValidateName(key, nameof(key));
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("$key", key);
        using var writing = await _database.EnterWriteAsync(cancellationToken);
        switch (precondition.Kind)
        {
            case WritePreconditionKind.None:
                command.CommandText = "DELETE FROM documents WHERE key = $key;";
                return await command.ExecuteNonQueryAsync(cancellationToken) > 0;

            case WritePreconditionKind.IfMatch:
                command.CommandText = "DELETE FROM documents WHERE key = $key AND etag = $expected;";
                command.Parameters.AddWithValue("$expected", precondition.ETag);
                return await command.ExecuteNonQueryAsync(cancellationToken) > 0
                    ? true
                    : throw new ConcurrencyConflictException(key, precondition);

            case WritePreconditionKind.MustNotExist:
                // Deleting "only if absent" deletes nothing; it still reports a conflict when something is there.
                command.CommandText = "SELECT EXISTS (SELECT 1 FROM documents WHERE key = $key);";
                return await command.ExecuteScalarAsync(cancellationToken) is long exists && exists != 0
                    ? throw new ConcurrencyConflictException(key, precondition)
                    : false;

            default:
                throw new ArgumentOutOfRangeException(nameof(precondition), precondition.Kind, "Unknown precondition.");
        }
    }

    // Random, so an ETag never repeats across writes, deletes and re-creates, or database files.
    private static string NewETag() => Guid.NewGuid().ToString("N");
}
