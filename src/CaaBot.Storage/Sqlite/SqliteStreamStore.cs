using CaaBot.Storage.Abstractions;
using Microsoft.Data.Sqlite;

namespace CaaBot.Storage.Sqlite;

/// <summary>
/// <see cref="IStreamStore"/> on a <see cref="SqliteDatabase"/>. An append bumps the stream's head row
/// and inserts the entry inside one <c>BEGIN IMMEDIATE</c> transaction: the write lock is taken before
/// anything is read, so concurrent appenders queue up instead of computing the same next sequence.
/// Appends of this process queue for the database's writer turn first (<see cref="SqliteDatabase.EnterWriteAsync"/>).
/// Subscribers hear appends made through the same <see cref="SqliteDatabase"/> in this process. Payloads are kept as
/// documents are (<see cref="SqliteDocumentEncoding"/>, the <c>encoding</c> column of schema version 3): readers get the bytes appended.
/// </summary>
public sealed class SqliteStreamStore(SqliteDatabase database, TimeProvider timeProvider) : IStreamStore
{
    private readonly SqliteDatabase _database = database ?? throw new ArgumentNullException(nameof(database));
    private readonly TimeProvider _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));

    public SqliteStreamStore(SqliteDatabase database)
        : this(database, TimeProvider.System)
    {
    }

    public async Task<long> AppendAsync(string stream, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        StorageLimits.ValidateName(stream, nameof(stream));
        var (blob, encoding) = SqliteDocumentEncoding.Encode(payload);
        long sequence;
        await using (var connection = await _database.OpenConnectionAsync(cancellationToken))
        {
            using var writing = await _database.EnterWriteAsync(cancellationToken);
            using var transaction = connection.BeginTransaction(deferred: false);

            await using (var head = connection.CreateCommand())
            {
                head.Transaction = transaction;
                head.CommandText = """
                    INSERT INTO streams (name, last_sequence) VALUES ($stream, 1)
                    ON CONFLICT (name) DO UPDATE SET last_sequence = last_sequence + 1
                    RETURNING last_sequence;
                    """;
                head.Parameters.AddWithValue("$stream", stream);
                sequence = (long)(await head.ExecuteScalarAsync(cancellationToken)
                    ?? throw new InvalidOperationException("The stream head upsert returned no row."));
            }

            await using (var entry = connection.CreateCommand())
            {
                entry.Transaction = transaction;
                entry.CommandText = "INSERT INTO stream_entries (stream, sequence, appended_at, payload, encoding) VALUES ($stream, $sequence, $appendedAt, $payload, $encoding);";
                entry.Parameters.AddWithValue("$stream", stream);
                entry.Parameters.AddWithValue("$sequence", sequence);
                entry.Parameters.AddWithValue("$appendedAt", _timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
                entry.Parameters.Add("$payload", SqliteType.Blob).Value = blob;
                entry.Parameters.AddWithValue("$encoding", encoding);
                await entry.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        // Only after the commit: a subscriber that reads the stream must find the entry.
        _database.Subscriptions.Notify(stream, sequence);
        return sequence;
    }

    public async Task<IReadOnlyList<StreamEntry>> ReadAsync(string stream, long afterSequence, int maxCount, CancellationToken cancellationToken)
    {
        StorageLimits.ValidateName(stream, nameof(stream));
        ArgumentOutOfRangeException.ThrowIfNegative(afterSequence);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT sequence, appended_at, payload, encoding FROM stream_entries
            WHERE stream = $stream AND sequence > $after
            ORDER BY sequence
            LIMIT $max;
            """;
        command.Parameters.AddWithValue("$stream", stream);
        command.Parameters.AddWithValue("$after", afterSequence);
        command.Parameters.AddWithValue("$max", maxCount);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<StreamEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new StreamEntry(
                stream,
                reader.GetInt64(0),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
                SqliteDocumentEncoding.Decode(reader.GetFieldValue<byte[]>(2), reader.GetInt64(3))));
        }

        return entries;
    }

    public async Task<long> GetLastSequenceAsync(string stream, CancellationToken cancellationToken)
    {
        StorageLimits.ValidateName(stream, nameof(stream));
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT last_sequence FROM streams WHERE name = $stream;";
        command.Parameters.AddWithValue("$stream", stream);
        return await command.ExecuteScalarAsync(cancellationToken) is long last ? last : 0L;
    }

    public IDisposable Subscribe(string stream, Action<long> onAppended)
    {
        StorageLimits.ValidateName(stream, nameof(stream));
        return _database.Subscriptions.Subscribe(stream, onAppended);
    }
}
