using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace CaaBot.Storage.Sqlite;

/// <summary>
/// The schema as an ordered list of migrations. Version N is <c>Migrations[N - 1]</c>; the versions
/// applied so far are rows of <c>schema_version</c>. Never edit a shipped migration: append a new one.
/// </summary>
internal static class SqliteSchema
{
    private static readonly string[] Migrations =
    [
        // 1: documents with ETags, streams with a per-stream head row, the readiness probe's row.
        // Times are Unix milliseconds (UTC). STRICT so a wrong type is an error rather than a silent coercion.
        """
        CREATE TABLE documents (
            key        TEXT    NOT NULL PRIMARY KEY,
            etag       TEXT    NOT NULL,
            content    BLOB    NOT NULL,
            updated_at INTEGER NOT NULL
        ) STRICT;

        -- The head row hands out sequences, so they stay gap-free and are never reused
        -- even if old entries are trimmed one day.
        CREATE TABLE streams (
            name          TEXT    NOT NULL PRIMARY KEY,
            last_sequence INTEGER NOT NULL
        ) STRICT;

        CREATE TABLE stream_entries (
            stream      TEXT    NOT NULL REFERENCES streams (name),
            sequence    INTEGER NOT NULL,
            appended_at INTEGER NOT NULL,
            payload     BLOB    NOT NULL,
            PRIMARY KEY (stream, sequence)
        ) STRICT;

        CREATE TABLE health_probe (
            id         INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
            checked_at TEXT    NOT NULL
        ) STRICT;
        """,

        // 2: how documents.content is kept (SqliteDocumentEncoding): 0 as written, 1 Brotli. Rows written before stay 0.
        """
        ALTER TABLE documents ADD COLUMN encoding INTEGER NOT NULL DEFAULT 0;
        """,

        // 3: stream_entries.payload kept the same way (a transcript entry holds a turn's activities and cards). Rows written before stay 0.
        """
        ALTER TABLE stream_entries ADD COLUMN encoding INTEGER NOT NULL DEFAULT 0;
        """,

        // 4: streams addressed by an integer id. Every entry repeated its stream name (~50 bytes) in its row and again in
        // the (stream, sequence) index; an id takes 1-3 bytes. The name stays once, UNIQUE, in streams (the upsert's
        // conflict target, the lookup of reads). A primary key cannot change in place, so the tables are copied: heads in
        // rowid order (ids follow creation), entries in rowid order. With foreign keys on, DROP TABLE first deletes and
        // checks its rows, so the child goes before its parent; RENAME rewrites the new child's REFERENCES clause. The LEFT
        // JOIN turns an entry without a head row (a writer with foreign keys off) into a NOT NULL failure that rolls the
        // migration back instead of dropping the entry. A rowid table still: in a WITHOUT ROWID table a compressed
        // step-card entry (~1.3 KB) would spill into overflow pages.
        """
        CREATE TABLE streams_v4 (
            id            INTEGER PRIMARY KEY,
            name          TEXT    NOT NULL UNIQUE,
            last_sequence INTEGER NOT NULL
        ) STRICT;

        CREATE TABLE stream_entries_v4 (
            stream_id   INTEGER NOT NULL REFERENCES streams_v4 (id),
            sequence    INTEGER NOT NULL,
            appended_at INTEGER NOT NULL,
            payload     BLOB    NOT NULL,
            encoding    INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (stream_id, sequence)
        ) STRICT;

        INSERT INTO streams_v4 (name, last_sequence)
        SELECT name, last_sequence FROM streams ORDER BY rowid;

        INSERT INTO stream_entries_v4 (stream_id, sequence, appended_at, payload, encoding)
        SELECT head.id, entry.sequence, entry.appended_at, entry.payload, entry.encoding
        FROM stream_entries AS entry LEFT JOIN streams_v4 AS head ON head.name = entry.stream
        ORDER BY entry.rowid;

        DROP TABLE stream_entries;
        DROP TABLE streams;
        ALTER TABLE streams_v4 RENAME TO streams;
        ALTER TABLE stream_entries_v4 RENAME TO stream_entries;
        """,
    ];

    /// <summary>The schema version this build creates and understands.</summary>
    public static int LatestVersion => Migrations.Length;

    /// <summary>Brings the file up to <see cref="LatestVersion"/> inside one write transaction, so two processes opening it at once cannot both migrate.</summary>
    /// <exception cref="InvalidOperationException">The file was written by a newer build (a higher schema version).</exception>
    public static Task MigrateAsync(SqliteConnection connection, ILogger logger, CancellationToken cancellationToken) =>
        MigrateAsync(connection, logger, LatestVersion, cancellationToken);

    /// <summary>Brings the file up to <paramref name="targetVersion"/> only: how tests build a file as an older build left it, to migrate it from there.</summary>
    /// <exception cref="InvalidOperationException">The file was written by a newer build (a higher schema version).</exception>
    public static async Task MigrateAsync(SqliteConnection connection, ILogger logger, int targetVersion, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(targetVersion);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(targetVersion, LatestVersion);
        using var transaction = connection.BeginTransaction(deferred: false);

        await ExecuteAsync(
            connection,
            transaction,
            """
            CREATE TABLE IF NOT EXISTS schema_version (
                version    INTEGER NOT NULL PRIMARY KEY,
                applied_at TEXT    NOT NULL
            ) STRICT;
            """,
            cancellationToken);

        var current = await GetVersionAsync(connection, transaction, cancellationToken);
        if (current > LatestVersion)
        {
            throw new InvalidOperationException(
                $"The database '{connection.DataSource}' has schema version {current}; this build understands up to {LatestVersion}. Refusing to run an older build against a newer file.");
        }

        for (var version = current + 1; version <= targetVersion; version++)
        {
            await ExecuteAsync(connection, transaction, Migrations[version - 1], cancellationToken);
            await using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO schema_version (version, applied_at) VALUES ($version, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));";
            record.Parameters.AddWithValue("$version", version);
            await record.ExecuteNonQueryAsync(cancellationToken);
            SqliteLog.SchemaMigrated(logger, connection.DataSource, version);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The highest applied version, 0 for a new file.</summary>
    public static async Task<int> GetVersionAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version;";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
