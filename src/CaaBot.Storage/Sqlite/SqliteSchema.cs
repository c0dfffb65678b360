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
    ];

    /// <summary>The schema version this build creates and understands.</summary>
    public static int LatestVersion => Migrations.Length;

    /// <summary>Brings the file up to <see cref="LatestVersion"/> inside one write transaction, so two processes opening it at once cannot both migrate.</summary>
    /// <exception cref="InvalidOperationException">The file was written by a newer build (a higher schema version).</exception>
    public static async Task MigrateAsync(SqliteConnection connection, ILogger logger, CancellationToken cancellationToken)
    {
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

        for (var version = current + 1; version <= LatestVersion; version++)
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
