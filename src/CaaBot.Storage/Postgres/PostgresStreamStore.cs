using System.Text;
using CaaBot.Storage.Abstractions;
using Npgsql;
using NpgsqlTypes;

namespace CaaBot.Storage.Postgres;

/// <summary>
/// <see cref="IStreamStore"/> on a <see cref="PostgresDatabase"/>. An append is one statement: it upserts the
/// stream's head row (<c>INSERT … ON CONFLICT DO UPDATE … RETURNING</c>, which row-locks it until commit), inserts the
/// entry under the sequence it got, and queues a <c>NOTIFY</c> that PostgreSQL delivers only if the statement commits.
/// Appenders of one stream, on any instance, therefore queue on the head row and commit in sequence order: numbers
/// are gap-free, and a reader that sees entry N sees every entry before it. Subscribers of this instance hear its own
/// appends right after the commit and other instances' appends through the database's listening connection.
/// </summary>
public sealed class PostgresStreamStore : IStreamStore
{
    private readonly PostgresDatabase _database;
    private readonly TimeProvider _timeProvider;
    private readonly string _appendSql;
    private readonly string _readSql;
    private readonly string _lastSql;

    public PostgresStreamStore(PostgresDatabase database, TimeProvider timeProvider)
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        var schema = database.Schema;
        _appendSql = $"""
            WITH head AS (
                INSERT INTO {schema}.streams AS h (name, last_sequence) VALUES (@stream, 1)
                ON CONFLICT (name) DO UPDATE SET last_sequence = h.last_sequence + 1
                RETURNING last_sequence
            ), entry AS (
                INSERT INTO {schema}.stream_entries (stream, sequence, appended_at, payload)
                SELECT @stream, last_sequence, @appendedAt, @payload FROM head
                RETURNING sequence
            )
            SELECT sequence, pg_notify(@channel, @prefix || sequence::text || ' ' || @name64)::text FROM entry;
            """;
        _readSql = $"""
            SELECT sequence, appended_at, payload FROM {schema}.stream_entries
            WHERE stream = @stream AND sequence > @after
            ORDER BY sequence
            LIMIT @max;
            """;
        _lastSql = $"SELECT last_sequence FROM {schema}.streams WHERE name = @stream;";
    }

    public PostgresStreamStore(PostgresDatabase database)
        : this(database, TimeProvider.System)
    {
    }

    public async Task<long> AppendAsync(string stream, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        StorageLimits.ValidateName(stream, nameof(stream));
        var name = Encoding.UTF8.GetBytes(stream);
        long sequence;
        await using (var connection = await _database.OpenConnectionAsync(cancellationToken))
        {
            await using var command = new NpgsqlCommand(_appendSql, connection);
            command.Parameters.Add(new NpgsqlParameter<byte[]>("stream", NpgsqlDbType.Bytea) { TypedValue = name });
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("appendedAt", _timeProvider.GetUtcNow().ToUniversalTime()));
            command.Parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>>("payload", NpgsqlDbType.Bytea) { TypedValue = payload });
            command.Parameters.Add(new NpgsqlParameter<string>("channel", _database.Channel));
            command.Parameters.Add(new NpgsqlParameter<string>("prefix", _database.NotificationPrefix));
            command.Parameters.Add(new NpgsqlParameter<string>("name64", Convert.ToBase64String(name)));
            sequence = await command.ExecuteScalarAsync(cancellationToken) is long appended
                ? appended
                : throw new InvalidOperationException("The append returned no sequence.");
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
        await using var command = new NpgsqlCommand(_readSql, connection);
        command.Parameters.Add(new NpgsqlParameter<byte[]>("stream", NpgsqlDbType.Bytea) { TypedValue = Encoding.UTF8.GetBytes(stream) });
        command.Parameters.Add(new NpgsqlParameter<long>("after", afterSequence));
        command.Parameters.Add(new NpgsqlParameter<long>("max", maxCount));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<StreamEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new StreamEntry(stream, reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetFieldValue<byte[]>(2)));
        }

        return entries;
    }

    public async Task<long> GetLastSequenceAsync(string stream, CancellationToken cancellationToken)
    {
        StorageLimits.ValidateName(stream, nameof(stream));
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(_lastSql, connection);
        command.Parameters.Add(new NpgsqlParameter<byte[]>("stream", NpgsqlDbType.Bytea) { TypedValue = Encoding.UTF8.GetBytes(stream) });
        return await command.ExecuteScalarAsync(cancellationToken) is long last ? last : 0L;
    }

    /// <summary>Starts the database's listening connection on first use, so appends of other instances are heard too.</summary>
    public IDisposable Subscribe(string stream, Action<long> onAppended)
    {
        StorageLimits.ValidateName(stream, nameof(stream));
        var subscription = _database.Subscriptions.Subscribe(stream, onAppended);
        _database.EnsureListening();
        return subscription;
    }
}
