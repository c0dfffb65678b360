using System.Text;
using CaaBot.Storage.Abstractions;
using Npgsql;
using NpgsqlTypes;

namespace CaaBot.Storage.Postgres;

/// <summary>
/// <see cref="IDocumentStore"/> on a <see cref="PostgresDatabase"/>. Every conditional write is a single statement
/// whose WHERE / ON CONFLICT clause carries the precondition: under READ COMMITTED a competing writer waits for the
/// row lock and then re-checks the condition against the committed row, so of two writers presenting the same ETag
/// exactly one wins, whichever instance they run on. Zero rows affected means the precondition failed.
/// </summary>
public sealed class PostgresDocumentStore : IDocumentStore
{
    private readonly PostgresDatabase _database;
    private readonly TimeProvider _timeProvider;
    private readonly string _readSql;
    private readonly string _upsertSql;
    private readonly string _insertSql;
    private readonly string _updateIfMatchSql;
    private readonly string _deleteSql;
    private readonly string _deleteIfMatchSql;
    private readonly string _existsSql;

    public PostgresDocumentStore(PostgresDatabase database, TimeProvider timeProvider)
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        var documents = $"{database.Schema}.documents";
        _readSql = $"SELECT etag, content FROM {documents} WHERE key = @key;";
        _upsertSql = $"""
            INSERT INTO {documents} AS d (key, etag, content, updated_at) VALUES (@key, @etag, @content, @now)
            ON CONFLICT (key) DO UPDATE SET etag = excluded.etag, content = excluded.content, updated_at = excluded.updated_at;
            """;
        _insertSql = $"""
            INSERT INTO {documents} (key, etag, content, updated_at) VALUES (@key, @etag, @content, @now)
            ON CONFLICT (key) DO NOTHING;
            """;
        _updateIfMatchSql = $"UPDATE {documents} SET etag = @etag, content = @content, updated_at = @now WHERE key = @key AND etag = @expected;";
        _deleteSql = $"DELETE FROM {documents} WHERE key = @key;";
        _deleteIfMatchSql = $"DELETE FROM {documents} WHERE key = @key AND etag = @expected;";
        _existsSql = $"SELECT EXISTS (SELECT 1 FROM {documents} WHERE key = @key);";
    }

    public PostgresDocumentStore(PostgresDatabase database)
        : this(database, TimeProvider.System)
    {
    }

    public async Task<StoredDocument?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        StorageLimits.ValidateName(key, nameof(key));
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(_readSql, connection);
        AddKey(command, key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new StoredDocument(key, reader.GetString(0), reader.GetFieldValue<byte[]>(1));
    }

    public async Task<string> WriteAsync(string key, ReadOnlyMemory<byte> content, WritePrecondition precondition, CancellationToken cancellationToken)
    {
        StorageLimits.ValidateName(key, nameof(key));
        var sql = precondition.Kind switch
        {
            WritePreconditionKind.None => _upsertSql,
            WritePreconditionKind.MustNotExist => _insertSql,
            WritePreconditionKind.IfMatch => _updateIfMatchSql,
            _ => throw new ArgumentOutOfRangeException(nameof(precondition), precondition.Kind, "Unknown precondition."),
        };
        var etag = NewETag();
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        AddKey(command, key);
        command.Parameters.Add(new NpgsqlParameter<string>("etag", etag));
        command.Parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>>("content", NpgsqlDbType.Bytea) { TypedValue = content });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", _timeProvider.GetUtcNow().ToUniversalTime()));
        if (precondition.Kind == WritePreconditionKind.IfMatch)
        {
            command.Parameters.Add(new NpgsqlParameter<string>("expected", precondition.ETag!));
        }

        return await command.ExecuteNonQueryAsync(cancellationToken) > 0
            ? etag
            : throw new ConcurrencyConflictException(key, precondition);
    }

    public async Task<bool> DeleteAsync(string key, WritePrecondition precondition, CancellationToken cancellationToken)
    {
        StorageLimits.ValidateName(key, nameof(key));
        var sql = precondition.Kind switch
        {
            WritePreconditionKind.None => _deleteSql,
            WritePreconditionKind.IfMatch => _deleteIfMatchSql,

            // Deleting "only if absent" deletes nothing; it still reports a conflict when something is there.
            WritePreconditionKind.MustNotExist => _existsSql,
            _ => throw new ArgumentOutOfRangeException(nameof(precondition), precondition.Kind, "Unknown precondition."),
        };
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        AddKey(command, key);
        switch (precondition.Kind)
        {
            case WritePreconditionKind.None:
                return await command.ExecuteNonQueryAsync(cancellationToken) > 0;

            case WritePreconditionKind.IfMatch:
                command.Parameters.Add(new NpgsqlParameter<string>("expected", precondition.ETag!));
                return await command.ExecuteNonQueryAsync(cancellationToken) > 0
                    ? true
                    : throw new ConcurrencyConflictException(key, precondition);

            default:
                return await command.ExecuteScalarAsync(cancellationToken) is true
                    ? throw new ConcurrencyConflictException(key, precondition)
                    : false;
        }
    }

    // Keys are stored as UTF-8 bytes: text columns cannot hold U+0000, and bytes compare ordinally.
    private static void AddKey(NpgsqlCommand command, string key) =>
        command.Parameters.Add(new NpgsqlParameter<byte[]>("key", NpgsqlDbType.Bytea) { TypedValue = Encoding.UTF8.GetBytes(key) });

    // Random, so an ETag never repeats across writes, deletes and re-creates, or databases.
    private static string NewETag() => Guid.NewGuid().ToString("N");
}
