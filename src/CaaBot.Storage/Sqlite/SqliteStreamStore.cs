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
/// Entries refer to their stream by the head row's integer id (schema version 4), not by name.
/// </summary>
public sealed class SqliteStreamStore(SqliteDatabase database, TimeProvider timeProvider) : IStreamStore
{
    private const string BumpHeadSql = """
        INSERT INTO streams (name, last_sequence) VALUES ($stream, 1)
        ON CONFLICT (name) DO UPDATE SET last_sequence = last_sequence + 1
        RETURNING id, last_sequence;
        """;

    private const string InsertEntrySql =
        "INSERT INTO stream_entries (stream_id, sequence, appended_at, payload, encoding) VALUES ($streamId, $sequence, $appendedAt, $payload, $encoding);";

    private const string ReadEntriesSql = """
        SELECT sequence, appended_at, payload, encoding FROM stream_entries
        WHERE stream_id = (SELECT id FROM streams WHERE name = $stream) AND sequence > $after
        ORDER BY sequence
        LIMIT $max;
        """;

    private readonly SqliteDatabase _database = database ?? throw new ArgumentNullException(nameof(database));
    private readonly TimeProvider _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));

    public SqliteStreamStore(SqliteDatabase database)
        : this(database, TimeProvider.System)
    {
    }

    public async Task<long> AppendAsync(string stream, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        StorageLimits.ValidateName(stream, nameof(stream));
        var (blob, encoding) = SqliteDocumentEncoding.Encode(payload, SqliteDocumentEncoding.EntryQuality);
        var appendedAt = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        long sequence;
        using (var writing = await _database.EnterWriteAsync(cancellationToken))
        {
            // A failure before COMMIT leaves the transaction open; ending the write turn rolls it back.
            var connection = writing.Connection;
            await connection.Command("BEGIN IMMEDIATE;").ExecuteNonQueryAsync(cancellationToken);

            var head = connection.Command(BumpHeadSql);
            SqlitePreparedConnection.Bind(head, "$stream", stream);
            (var streamId, sequence) = await ReadHeadAsync(head, cancellationToken);

            var entry = connection.Command(InsertEntrySql);
            SqlitePreparedConnection.Bind(entry, "$streamId", streamId);
            SqlitePreparedConnection.Bind(entry, "$sequence", sequence);
            SqlitePreparedConnection.Bind(entry, "$appendedAt", appendedAt);
            SqlitePreparedConnection.Bind(entry, "$payload", blob);
            SqlitePreparedConnection.Bind(entry, "$encoding", encoding);
            await entry.ExecuteNonQueryAsync(cancellationToken);

            await connection.Command("COMMIT;").ExecuteNonQueryAsync(cancellationToken);
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
        using var lease = await _database.RentReaderAsync(cancellationToken);
        var command = lease.Connection.Command(ReadEntriesSql);
        SqlitePreparedConnection.Bind(command, "$stream", stream);
        SqlitePreparedConnection.Bind(command, "$after", afterSequence);
        SqlitePreparedConnection.Bind(command, "$max", maxCount);
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
        using var lease = await _database.RentReaderAsync(cancellationToken);
        var command = lease.Connection.Command("SELECT last_sequence FROM streams WHERE name = $stream;");
        SqlitePreparedConnection.Bind(command, "$stream", stream);
        return await command.ExecuteScalarAsync(cancellationToken) is long last ? last : 0L;
    }

    public IDisposable Subscribe(string stream, Action<long> onAppended)
    {
        StorageLimits.ValidateName(stream, nameof(stream));
        return _database.Subscriptions.Subscribe(stream, onAppended);
    }

    // The upsert's one row: the stream's id (schema version 4) and the sequence it handed out.
    private static async Task<(long StreamId, long Sequence)> ReadHeadAsync(SqliteCommand head, CancellationToken cancellationToken)
    {
        await using var row = await head.ExecuteReaderAsync(cancellationToken);
        if (!await row.ReadAsync(cancellationToken))
        {
            throw new InvalidOperationException("The stream head upsert returned no row.");
        }

        return (row.GetInt64(0), row.GetInt64(1));
    }
}
