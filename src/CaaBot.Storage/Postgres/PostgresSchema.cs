using System.Globalization;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CaaBot.Storage.Postgres;

/// <summary>
/// The schema as an ordered list of migrations, applied on start. Version N is <c>Migrations[N - 1]</c>; the versions
/// applied so far are rows of <c>schema_version</c>. Never edit a shipped migration: append a new one.
/// Keys and stream names are stored as their UTF-8 bytes (<c>bytea</c>): PostgreSQL <c>text</c> cannot hold U+0000,
/// which keys may contain, and bytes compare ordinally, as every backend must.
/// </summary>
internal static class PostgresSchema
{
    /// <summary>The longest accepted schema name (the NOTIFY channel adds a suffix and must stay within 63 bytes).</summary>
    public const int MaxSchemaNameLength = 48;

    // Any constant works as long as every CaaBot build uses the same one: it serializes migrations across processes.
    private const long MigrationLockKey = 0x0CAA_B07_5C4E;

    private static readonly string[] Migrations =
    [
        // 1: documents with ETags, streams with a per-stream head row (hands out gap-free sequences, row-locked by
        // each append), the entries, the readiness probe's row.
        """
        CREATE TABLE {schema}.documents (
            key        bytea       NOT NULL PRIMARY KEY,
            etag       text        NOT NULL,
            content    bytea       NOT NULL,
            updated_at timestamptz NOT NULL
        );

        CREATE TABLE {schema}.streams (
            name          bytea  NOT NULL PRIMARY KEY,
            last_sequence bigint NOT NULL CHECK (last_sequence > 0)
        );

        CREATE TABLE {schema}.stream_entries (
            stream      bytea       NOT NULL REFERENCES {schema}.streams (name),
            sequence    bigint      NOT NULL,
            appended_at timestamptz NOT NULL,
            payload     bytea       NOT NULL,
            PRIMARY KEY (stream, sequence)
        );

        CREATE TABLE {schema}.health_probe (
            id         integer     NOT NULL PRIMARY KEY CHECK (id = 1),
            checked_at timestamptz NOT NULL
        );
        """,
    ];

    /// <summary>The schema version this build creates and understands.</summary>
    public static int LatestVersion => Migrations.Length;

    /// <summary>Throws unless <paramref name="schema"/> is a plain lower-case identifier (it is put into SQL text).</summary>
    public static void ValidateSchemaName(string schema)
    {
        ArgumentException.ThrowIfNullOrEmpty(schema);
        var valid = schema.Length <= MaxSchemaNameLength
            && (char.IsAsciiLetterLower(schema[0]) || schema[0] == '_')
            && schema.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_')
            && !schema.StartsWith("pg_", StringComparison.Ordinal);
        if (!valid)
        {
            throw new ArgumentException(
                $"'{schema}' is not a usable schema name: lower-case letters, digits and '_', starting with a letter or '_', not 'pg_…', at most {MaxSchemaNameLength} characters.",
                nameof(schema));
        }
    }

    /// <summary>
    /// Creates the schema if missing and brings it up to <see cref="LatestVersion"/> in one transaction, holding a
    /// transaction-scoped advisory lock so several instances starting at once migrate exactly once.
    /// </summary>
    /// <exception cref="InvalidOperationException">The schema was migrated by a newer build.</exception>
    public static async Task MigrateAsync(NpgsqlConnection connection, string schema, ILogger logger, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({MigrationLockKey.ToString(CultureInfo.InvariantCulture)});", cancellationToken);
        await ExecuteAsync(
            connection,
            transaction,
            $"""
            CREATE SCHEMA IF NOT EXISTS {schema};
            CREATE TABLE IF NOT EXISTS {schema}.schema_version (
                version    integer     NOT NULL PRIMARY KEY,
                applied_at timestamptz NOT NULL DEFAULT now()
            );
            """,
            cancellationToken);

        var current = await GetVersionAsync(connection, transaction, schema, cancellationToken);
        if (current > LatestVersion)
        {
            throw new InvalidOperationException(
                $"The PostgreSQL schema '{schema}' has schema version {current}; this build understands up to {LatestVersion}. Refusing to run an older build against a newer schema.");
        }

        for (var version = current + 1; version <= LatestVersion; version++)
        {
            await ExecuteAsync(connection, transaction, Migrations[version - 1].Replace("{schema}", schema, StringComparison.Ordinal), cancellationToken);
            await using var record = new NpgsqlCommand($"INSERT INTO {schema}.schema_version (version) VALUES (@version);", connection, transaction);
            record.Parameters.AddWithValue("version", version);
            await record.ExecuteNonQueryAsync(cancellationToken);
            PostgresLog.SchemaMigrated(logger, schema, version);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The highest applied version, 0 when the schema_version table is empty.</summary>
    public static async Task<int> GetVersionAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string schema, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT COALESCE(MAX(version), 0) FROM {schema}.schema_version;", connection, transaction);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
