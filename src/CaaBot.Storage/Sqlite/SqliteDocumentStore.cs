using System.Buffers.Text;
using System.Security.Cryptography;
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
    private const string ReadSql = "SELECT etag, content, encoding FROM documents WHERE key = $key;";

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
        using var lease = await _database.RentReaderAsync(cancellationToken);
        var command = lease.Connection.Command(ReadSql);
        SqlitePreparedConnection.Bind(command, "$key", key);
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
        var sql = precondition.Kind switch
        {
            WritePreconditionKind.None => UpsertSql,
            WritePreconditionKind.MustNotExist => InsertSql,
            WritePreconditionKind.IfMatch => UpdateIfMatchSql,
            _ => throw new ArgumentOutOfRangeException(nameof(precondition), precondition.Kind, "Unknown precondition."),
        };
        var etag = NewETag();
        var (blob, encoding) = SqliteDocumentEncoding.Encode(content, SqliteDocumentEncoding.DocumentQuality);
        var now = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();

        using var writing = await _database.EnterWriteAsync(cancellationToken);
        var command = writing.Connection.Command(sql);
        SqlitePreparedConnection.Bind(command, "$key", key);
        SqlitePreparedConnection.Bind(command, "$etag", etag);
        SqlitePreparedConnection.Bind(command, "$content", blob);
        SqlitePreparedConnection.Bind(command, "$encoding", encoding);
        SqlitePreparedConnection.Bind(command, "$now", now);
        if (precondition.Kind == WritePreconditionKind.IfMatch)
        {
            SqlitePreparedConnection.Bind(command, "$expected", precondition.ETag!);
        }

        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            throw new ConcurrencyConflictException(key, precondition);
        }

        return etag;
    }

    public async Task<bool> DeleteAsync(string key, WritePrecondition precondition, CancellationToken cancellationToken)
    {
        StorageLimits.ValidateName(key, nameof(key));
        using var writing = await _database.EnterWriteAsync(cancellationToken);
        SqliteCommand command;
        switch (precondition.Kind)
        {
            case WritePreconditionKind.None:
                command = writing.Connection.Command("DELETE FROM documents WHERE key = $key;");
                SqlitePreparedConnection.Bind(command, "$key", key);
                return await command.ExecuteNonQueryAsync(cancellationToken) > 0;

            case WritePreconditionKind.IfMatch:
                command = writing.Connection.Command("DELETE FROM documents WHERE key = $key AND etag = $expected;");
                SqlitePreparedConnection.Bind(command, "$key", key);
                SqlitePreparedConnection.Bind(command, "$expected", precondition.ETag!);
                return await command.ExecuteNonQueryAsync(cancellationToken) > 0
                    ? true
                    : throw new ConcurrencyConflictException(key, precondition);

            case WritePreconditionKind.MustNotExist:
                // Deleting "only if absent" deletes nothing; it still reports a conflict when something is there.
                command = writing.Connection.Command("SELECT EXISTS (SELECT 1 FROM documents WHERE key = $key);");
                SqlitePreparedConnection.Bind(command, "$key", key);
                return await command.ExecuteScalarAsync(cancellationToken) is long exists && exists != 0
                    ? throw new ConcurrencyConflictException(key, precondition)
                    : false;

            default:
                throw new ArgumentOutOfRangeException(nameof(precondition), precondition.Kind, "Unknown precondition.");
        }
    }

    // Random, so an ETag never repeats across writes, deletes and re-creates, or database files: 96 bits, written as 16
    // characters (a GUID's 32 hex digits cost every document 16 bytes more for 26 bits more).
    private static string NewETag()
    {
        Span<byte> bits = stackalloc byte[12];
        RandomNumberGenerator.Fill(bits);
        return Base64Url.EncodeToString(bits);
    }
}
