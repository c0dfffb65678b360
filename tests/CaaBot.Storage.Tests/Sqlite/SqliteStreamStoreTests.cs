using System.Text;
using CaaBot.Storage.Abstractions;
using CaaBot.Storage.Sqlite;
using CaaBot.Storage.Tests.Contracts;
using CaaBot.Storage.Tests.Support;
using Microsoft.Data.Sqlite;

namespace CaaBot.Storage.Tests.Sqlite;

/// <summary>The stream contract on a fresh SQLite file per test, deleted afterwards.</summary>
public sealed class SqliteStreamStoreTests : StreamStoreContract
{
    private readonly TempDirectory _directory = new();
    private SqliteDatabase? _database;

    protected override async Task<IStreamStore> CreateStoreAsync(TimeProvider clock, CancellationToken cancellationToken)
    {
        _database = new SqliteDatabase(_directory.Path);
        await _database.InitializeAsync(cancellationToken);
        return new SqliteStreamStore(_database, clock);
    }

    [Fact]
    public async Task AppendAsync_LargeRepetitiveEntry_StoredCompressedAndReadBackExactly()
    {
        var stream = Stream("transcript");
        var payload = Encoding.UTF8.GetBytes("[" + string.Join(",", Enumerable.Repeat("{\"type\":\"message\",\"serviceUrl\":\"https://smba.example/\",\"text\":\"Step 1 of 6\"}", 60)) + "]");

        await Store.AppendAsync(stream, payload, Ct);
        await Store.AppendAsync(stream, Encoding.UTF8.GetBytes("{}"), Ct);

        var read = await Store.ReadAsync(stream, 0, 10, Ct);
        Assert.Equal(payload, read[0].Payload.ToArray());
        Assert.Equal("{}", Encoding.UTF8.GetString(read[1].Payload.Span));
        Assert.Equal([(1L, SqliteDocumentEncoding.Brotli), (2L, SqliteDocumentEncoding.Raw)], [.. (await RawRowsAsync(stream)).Select(row => (row.Sequence, row.Encoding))]);
        Assert.True((await RawRowsAsync(stream))[0].Length < payload.Length / 4);
    }

    [Fact]
    public async Task AppendAsync_TranscriptLikeEntry_KeptSmallerThanTheSameBytesAsADocument()
    {
        // Activities that differ in ids and text, as a turn's transcript entry does; entries get the harder Brotli setting.
        var payload = Encoding.UTF8.GetBytes("[" + string.Join(",", Enumerable.Range(0, 12).Select(i =>
            $"{{\"type\":\"message\",\"id\":\"{Guid.NewGuid():N}\",\"from\":{{\"id\":\"user-{i % 3}\",\"name\":\"Ada\"}},\"text\":\"Step {i} of 12: open Settings, choose item {i * 7} and restart Teams.\",\"timestamp\":\"2026-12-02T19:{i:D2}:00Z\"}}")) + "]");
        var stream = Stream("transcript");

        await Store.AppendAsync(stream, payload, Ct);
        await new SqliteDocumentStore(_database!).WriteAsync("same-bytes", payload, WritePrecondition.None, Ct);

        var entry = Assert.Single(await RawRowsAsync(stream));
        await using var connection = await OpenRawAsync();
        await using var query = connection.CreateCommand();
        query.CommandText = "SELECT length(content) FROM documents WHERE key = 'same-bytes';";
        var document = (long)(await query.ExecuteScalarAsync(Ct))!;
        Assert.Equal(SqliteDocumentEncoding.Brotli, entry.Encoding);
        Assert.True(entry.Length < document, $"the entry took {entry.Length} bytes, the document {document}");
        Assert.Equal(payload, (await Store.ReadAsync(stream, 0, 1, Ct))[0].Payload.ToArray());
    }

    [Fact]
    public async Task ReadAsync_EntryWrittenBeforeCompressionExisted_ReadAsWritten()
    {
        var stream = Stream("old");
        var payload = Encoding.UTF8.GetBytes(new string('x', 4000));
        await using (var connection = await OpenRawAsync())
        {
            await using var insert = connection.CreateCommand();
            // What a schema version 2 build wrote had no encoding column in its statement, so the column's default (0),
            // which migration 4 copies as it is (SqliteSchemaTests migrates such a row).
            insert.CommandText = """
                INSERT INTO streams (name, last_sequence) VALUES ($stream, 1);
                INSERT INTO stream_entries (stream_id, sequence, appended_at, payload) VALUES ((SELECT id FROM streams WHERE name = $stream), 1, 0, $payload);
                """;
            insert.Parameters.AddWithValue("$stream", stream);
            insert.Parameters.Add("$payload", SqliteType.Blob).Value = payload;
            await insert.ExecuteNonQueryAsync(Ct);
        }

        Assert.Equal(payload, (await Store.ReadAsync(stream, 0, 10, Ct)).Single().Payload.ToArray());
        Assert.Equal(2, await Store.AppendAsync(stream, payload, Ct));
    }

    private async Task<List<(long Sequence, long Length, long Encoding)>> RawRowsAsync(string stream)
    {
        await using var connection = await OpenRawAsync();
        await using var query = connection.CreateCommand();
        query.CommandText = """
            SELECT entry.sequence, length(entry.payload), entry.encoding
            FROM stream_entries AS entry JOIN streams AS head ON head.id = entry.stream_id
            WHERE head.name = $stream ORDER BY entry.sequence;
            """;
        query.Parameters.AddWithValue("$stream", stream);
        await using var reader = await query.ExecuteReaderAsync(Ct);
        var rows = new List<(long, long, long)>();
        while (await reader.ReadAsync(Ct))
        {
            rows.Add((reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2)));
        }

        return rows;
    }

    private async Task<SqliteConnection> OpenRawAsync()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _database!.FilePath, Pooling = false }.ToString());
        await connection.OpenAsync(Ct);
        return connection;
    }

    protected override Task DisposeStoreAsync()
    {
        _database?.Dispose();
        _directory.Dispose();
        return Task.CompletedTask;
    }
}
