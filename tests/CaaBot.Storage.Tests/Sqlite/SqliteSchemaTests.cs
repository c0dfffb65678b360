using System.Text;
using CaaBot.Storage.Abstractions;
using CaaBot.Storage.Sqlite;
using CaaBot.Storage.Tests.Support;
using Microsoft.Data.Sqlite;

namespace CaaBot.Storage.Tests.Sqlite;

/// <summary>
/// Migration 4 (streams addressed by an integer id) on files a schema version 3 build left behind, with data: the tables
/// are copied, so every row must arrive, and the stores must carry on where the old build stopped.
/// </summary>
public sealed class SqliteSchemaTests : IDisposable
{
    private const string Transcript = "transcript/emulator/conv-0123456789abcdef0123456789abcdef";
    private const string History = "directline/history/conv-0123456789abcdef0123456789abcdef";
    private const string Scheduler = "scheduler/turns";

    // A step card as a transcript entry holds it: large and repetitive, so the version 3 store kept it Brotli-compressed.
    private static readonly byte[] CardEntry = Encoding.UTF8.GetBytes(
        "[" + string.Join(",", Enumerable.Repeat("{\"type\":\"message\",\"attachments\":[{\"contentType\":\"application/vnd.microsoft.card.adaptive\"}]}", 40)) + "]");

    private static readonly byte[] LargeRawEntry = Encoding.UTF8.GetBytes(new string('x', 3000));

    private readonly TempDirectory _directory = new();
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(2));
    private readonly List<SqliteDatabase> _databases = [];

    private CancellationToken Ct => _timeout.Token;

    private string FilePath => Path.Combine(_directory.Path, SqliteDatabase.DefaultFileName);

    public void Dispose()
    {
        foreach (var database in _databases)
        {
            database.Dispose();
        }

        _directory.Dispose();
        _timeout.Dispose();
    }

    [Fact]
    public async Task InitializeAsync_Version3FileWithData_CopiesEveryEntryAndHeadIntoVersion4()
    {
        List<StoredEntry> before;
        await using (var version3 = await CreateVersion3FileWithDataAsync())
        {
            before = await version3.ReadEntriesAsync(Ct);
        }

        var database = await OpenAsync(_directory.Path);

        Assert.Equal(4, await database.GetSchemaVersionAsync(Ct));
        Assert.Equal(before, await ReadEntriesAsync(database));
        Assert.Contains(before, entry => entry.Encoding == SqliteDocumentEncoding.Brotli);
        Assert.Contains(before, entry => entry.Encoding == SqliteDocumentEncoding.Raw && entry.PayloadHex.Length > 2 * SqliteDocumentEncoding.MinimumCompressedLength);

        // Ids follow the order the streams were created in; each head keeps the last sequence it handed out.
        Assert.Equal(
            ["1 " + Transcript + " 3", "2 " + History + " 2", "3 " + Scheduler + " 1"],
            await ColumnAsync(database, "SELECT id || ' ' || name || ' ' || last_sequence FROM streams ORDER BY id;"));
        Assert.Empty(await ColumnAsync(database, "SELECT name FROM sqlite_schema WHERE name LIKE '%v4%';"));
        Assert.Empty(await ColumnAsync(database, "PRAGMA foreign_key_check;"));
        Assert.Equal(["ok"], await ColumnAsync(database, "PRAGMA integrity_check;"));

        var document = await new SqliteDocumentStore(database).ReadAsync("state/user 1", Ct);
        Assert.Equal("{\"step\":2}", Encoding.UTF8.GetString(document!.Content.Span));
        Assert.Equal("\"etag-1\"", document.ETag);
    }

    [Fact]
    public async Task StreamStore_AfterMigratingVersion3File_ReadsEntriesAndContinuesEachSequence()
    {
        await (await CreateVersion3FileWithDataAsync()).DisposeAsync();
        var database = await OpenAsync(_directory.Path);
        var streams = new SqliteStreamStore(database);

        var transcript = await streams.ReadAsync(Transcript, 0, 10, Ct);
        Assert.Equal([1L, 2L, 3L], transcript.Select(entry => entry.Sequence));
        Assert.Equal([1_000L, 1_002L, 1_004L], transcript.Select(entry => entry.AppendedAt.ToUnixTimeMilliseconds()));
        Assert.Equal([CardEntry, LargeRawEntry, "{\"text\":\"fixed\"}"u8.ToArray()], transcript.Select(entry => entry.Payload.ToArray()));
        Assert.Equal(["{\"watermark\":2}"], (await streams.ReadAsync(History, 1, 10, Ct)).Select(entry => Encoding.UTF8.GetString(entry.Payload.Span)));
        Assert.Equal(3, await streams.GetLastSequenceAsync(Transcript, Ct));

        Assert.Equal(4, await streams.AppendAsync(Transcript, "{\"text\":\"thanks\"}"u8.ToArray(), Ct));
        Assert.Equal(3, await streams.AppendAsync(History, CardEntry, Ct));
        Assert.Equal(2, await streams.AppendAsync(Scheduler, "{}"u8.ToArray(), Ct));
        Assert.Equal(1, await streams.AppendAsync("transcript/msteams/new", "{}"u8.ToArray(), Ct));

        Assert.Equal(["{\"text\":\"fixed\"}", "{\"text\":\"thanks\"}"], (await streams.ReadAsync(Transcript, 2, 10, Ct)).Select(entry => Encoding.UTF8.GetString(entry.Payload.Span)));
        Assert.Equal(CardEntry, (await streams.ReadAsync(History, 2, 10, Ct)).Single().Payload.ToArray());
        Assert.Equal(["4 transcript/msteams/new"], await ColumnAsync(database, "SELECT id || ' ' || name FROM streams WHERE id > 3;"));
    }

    [Fact]
    public async Task InitializeAsync_Version3File_EndsWithTheLayoutOfANewFile()
    {
        await (await CreateVersion3FileWithDataAsync()).DisposeAsync();
        var migrated = await OpenAsync(_directory.Path);
        var created = await OpenAsync(Path.Combine(_directory.Path, "new"));

        Assert.Equal(await DescribeStreamTablesAsync(created), await DescribeStreamTablesAsync(migrated));
    }

    [Fact]
    public async Task InitializeAsync_NewFile_IsVersion4WithEntriesReferringToTheirStreamById()
    {
        var database = await OpenAsync(_directory.Path);

        Assert.Equal(4, await database.GetSchemaVersionAsync(Ct));
        Assert.Equal(
            [
                "streams strict rowid",
                "streams column id INTEGER notnull=0 pk=1",
                "streams column name TEXT notnull=1 pk=0",
                "streams column last_sequence INTEGER notnull=1 pk=0",
                "streams index sqlite_autoindex_streams_1 unique=1 (name)",
                "stream_entries strict rowid",
                "stream_entries column stream_id INTEGER notnull=1 pk=1",
                "stream_entries column sequence INTEGER notnull=1 pk=2",
                "stream_entries column appended_at INTEGER notnull=1 pk=0",
                "stream_entries column payload BLOB notnull=1 pk=0",
                "stream_entries column encoding INTEGER notnull=1 pk=0",
                "stream_entries index sqlite_autoindex_stream_entries_1 unique=1 (stream_id,sequence)",
                "stream_entries references streams (stream_id -> id)",
            ],
            await DescribeStreamTablesAsync(database));

        // The foreign key holds on the connections the stores use: an entry of a stream without a head row is refused.
        await using var connection = await database.OpenConnectionAsync(Ct);
        await using var orphan = connection.CreateCommand();
        orphan.CommandText = "INSERT INTO stream_entries (stream_id, sequence, appended_at, payload) VALUES (42, 1, 0, X'00');";
        var refused = await Assert.ThrowsAsync<SqliteException>(() => orphan.ExecuteNonQueryAsync(Ct));
        Assert.Equal(19, refused.SqliteErrorCode); // SQLITE_CONSTRAINT
    }

    [Fact]
    public async Task InitializeAsync_Version3FileWithAnEntryWithoutItsHeadRow_FailsAndLeavesTheFileAtVersion3()
    {
        List<StoredEntry> before;
        await using (var version3 = await CreateVersion3FileWithDataAsync())
        {
            await version3.AppendWithoutHeadRowAsync("transcript/written-with-foreign-keys-off", [0x2A], Ct);
            before = await version3.ReadEntriesAsync(Ct);
        }

        var database = Track(new SqliteDatabase(_directory.Path));

        // Copying it would need a stream id it does not have; dropping it silently would lose an entry.
        await Assert.ThrowsAsync<SqliteException>(() => database.InitializeAsync(Ct));

        await using var version3Again = await SqliteVersion3File.OpenExistingAsync(FilePath, Ct);
        Assert.Equal(3, await version3Again.GetSchemaVersionAsync(Ct));
        Assert.Equal(before, await version3Again.ReadEntriesAsync(Ct));
    }

    private async Task<SqliteVersion3File> CreateVersion3FileWithDataAsync()
    {
        var version3 = await SqliteVersion3File.CreateAsync(FilePath, Ct);

        // Interleaved, as concurrent conversations write: rowid order is not stream order.
        await version3.AppendAsync(Transcript, CardEntry, 1_000, Ct);
        await version3.AppendAsync(History, "{\"watermark\":1}"u8.ToArray(), 1_001, Ct);
        await version3.AppendBeforeEncodingExistedAsync(Transcript, LargeRawEntry, 1_002, Ct);
        await version3.AppendAsync(History, "{\"watermark\":2}"u8.ToArray(), 1_003, Ct);
        await version3.AppendAsync(Transcript, "{\"text\":\"fixed\"}"u8.ToArray(), 1_004, Ct);
        await version3.AppendAsync(Scheduler, "{\"due\":5000}"u8.ToArray(), 1_005, Ct);
        await version3.WriteDocumentAsync("state/user 1", "\"etag-1\"", "{\"step\":2}"u8.ToArray(), Ct);
        return version3;
    }

    private SqliteDatabase Track(SqliteDatabase database)
    {
        _databases.Add(database);
        return database;
    }

    private async Task<SqliteDatabase> OpenAsync(string directory)
    {
        var database = Track(new SqliteDatabase(directory));
        await database.InitializeAsync(Ct);
        return database;
    }

    private async Task<List<StoredEntry>> ReadEntriesAsync(SqliteDatabase database)
    {
        await using var connection = await database.OpenConnectionAsync(Ct);
        await using var query = connection.CreateCommand();
        query.CommandText = """
            SELECT head.name, entry.sequence, entry.appended_at, entry.payload, entry.encoding
            FROM stream_entries AS entry JOIN streams AS head ON head.id = entry.stream_id
            ORDER BY entry.rowid;
            """;
        await using var reader = await query.ExecuteReaderAsync(Ct);
        var entries = new List<StoredEntry>();
        while (await reader.ReadAsync(Ct))
        {
            entries.Add(new StoredEntry(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), Convert.ToHexString(reader.GetFieldValue<byte[]>(3)), reader.GetInt64(4)));
        }

        return entries;
    }

    // Tables, columns, indexes and foreign keys of the two stream tables, one line each, as SQLite reports them.
    private async Task<List<string>> DescribeStreamTablesAsync(SqliteDatabase database)
    {
        var lines = new List<string>();
        foreach (var table in new[] { "streams", "stream_entries" })
        {
            lines.AddRange(await ColumnAsync(database, $"SELECT name || IIF(strict, ' strict', '') || IIF(wr, ' without-rowid', ' rowid') FROM pragma_table_list('{table}') WHERE schema = 'main';"));
            lines.AddRange(await ColumnAsync(database, $"SELECT '{table} column ' || name || ' ' || type || ' notnull=' || \"notnull\" || ' pk=' || pk FROM pragma_table_info('{table}') ORDER BY cid;"));
            lines.AddRange(await ColumnAsync(database, $"""
                SELECT '{table} index ' || list.name || ' unique=' || list."unique" || ' (' || (SELECT group_concat(info.name, ',') FROM (SELECT name FROM pragma_index_info(list.name) ORDER BY seqno) AS info) || ')'
                FROM pragma_index_list('{table}') AS list ORDER BY list.name;
                """));
            lines.AddRange(await ColumnAsync(database, $"SELECT '{table} references ' || \"table\" || ' (' || \"from\" || ' -> ' || \"to\" || ')' FROM pragma_foreign_key_list('{table}') ORDER BY id, seq;"));
        }

        return lines;
    }

    private async Task<List<string>> ColumnAsync(SqliteDatabase database, string sql)
    {
        await using var connection = await database.OpenConnectionAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var values = new List<string>();
        while (await reader.ReadAsync(Ct))
        {
            values.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        }

        return values;
    }
}
