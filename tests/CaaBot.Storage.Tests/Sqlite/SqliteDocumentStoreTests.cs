using System.Text;
using CaaBot.Storage.Abstractions;
using CaaBot.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using CaaBot.Storage.Tests.Contracts;
using CaaBot.Storage.Tests.Support;

namespace CaaBot.Storage.Tests.Sqlite;

/// <summary>The document contract on a fresh SQLite file per test, deleted afterwards.</summary>
public sealed class SqliteDocumentStoreTests : DocumentStoreContract
{
    private readonly TempDirectory _directory = new();
    private SqliteDatabase? _database;

    protected override async Task<IDocumentStore> CreateStoreAsync(CancellationToken cancellationToken)
    {
        _database = new SqliteDatabase(_directory.Path);
        await _database.InitializeAsync(cancellationToken);
        return new SqliteDocumentStore(_database);
    }

    [Fact]
    public async Task WriteAsync_LargeRepetitiveDocument_StoredCompressedAndReadBackExactly()
    {
        var key = Key("state");
        var content = Encoding.UTF8.GetBytes("{\"card\":" + string.Concat(Enumerable.Repeat("{\"type\":\"TextBlock\",\"text\":\"Step 1 of 6\",\"wrap\":true},", 120)) + "null}");

        await Store.WriteAsync(key, content, WritePrecondition.None, Ct);

        Assert.Equal(content, (await Store.ReadAsync(key, Ct))!.Content.ToArray());
        var (stored, encoding) = await RawRowAsync(key);
        Assert.Equal(SqliteDocumentEncoding.Brotli, encoding);
        Assert.True(stored < content.Length / 4, $"{stored} bytes stored for {content.Length}");
    }

    [Fact]
    public async Task WriteAsync_SmallDocument_StoredAsWritten()
    {
        var key = Key("small");
        await Store.WriteAsync(key, Encoding.UTF8.GetBytes("{\"welcomed\":true}"), WritePrecondition.None, Ct);

        Assert.Equal((17L, SqliteDocumentEncoding.Raw), await RawRowAsync(key));
    }

    [Fact]
    public async Task ReadAsync_RowWrittenBeforeCompressionExisted_ReadAsWritten()
    {
        var key = Key("old");
        var content = Encoding.UTF8.GetBytes(new string('x', 4000));
        await using (var connection = await OpenRawAsync())
        {
            await using var insert = connection.CreateCommand();
            // What a schema version 1 build wrote: no encoding column in its statement, so the column's default (0).
            insert.CommandText = "INSERT INTO documents (key, etag, content, updated_at) VALUES ($key, 'e1', $content, 0);";
            insert.Parameters.AddWithValue("$key", key);
            insert.Parameters.Add("$content", SqliteType.Blob).Value = content;
            await insert.ExecuteNonQueryAsync(Ct);
        }

        var read = await Store.ReadAsync(key, Ct);

        Assert.Equal(content, read!.Content.ToArray());
        Assert.Equal("e1", read.ETag);
    }

    private async Task<(long Length, long Encoding)> RawRowAsync(string key)
    {
        await using var connection = await OpenRawAsync();
        await using var query = connection.CreateCommand();
        query.CommandText = "SELECT length(content), encoding FROM documents WHERE key = $key;";
        query.Parameters.AddWithValue("$key", key);
        await using var reader = await query.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct));
        return (reader.GetInt64(0), reader.GetInt64(1));
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
