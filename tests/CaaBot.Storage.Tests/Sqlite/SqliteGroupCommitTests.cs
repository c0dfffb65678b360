using System.Text;
using CaaBot.Storage.Abstractions;
using CaaBot.Storage.Sqlite;
using CaaBot.Storage.Tests.Support;
using Microsoft.Data.Sqlite;

namespace CaaBot.Storage.Tests.Sqlite;

/// <summary>
/// Writes that queue up behind a running one share its successor's transaction: each must still succeed or fail on
/// its own, and return only once what it wrote is committed.
/// </summary>
public sealed class SqliteGroupCommitTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(2));
    private readonly SqliteDatabase _database;
    private readonly SqliteDocumentStore _documents;
    private readonly SqliteStreamStore _streams;

    public SqliteGroupCommitTests()
    {
        _database = new SqliteDatabase(_directory.Path);
        _documents = new SqliteDocumentStore(_database);
        _streams = new SqliteStreamStore(_database);
    }

    private CancellationToken Ct => _timeout.Token;

    public void Dispose()
    {
        _database.Dispose();
        _directory.Dispose();
        _timeout.Dispose();
    }

    [Fact]
    public async Task Writes_QueuedBehindARunningWrite_CommitTogetherInOneTransaction()
    {
        await _database.InitializeAsync(Ct);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holding = HoldWriterAsync(release.Task);
        var before = _database.WriteTransactionsCommitted;

        var queued = Enumerable.Range(0, 10)
            .Select(i => i % 2 == 0
                ? (Task)_documents.WriteAsync($"doc-{i}", Utf8($"v{i}"), WritePrecondition.MustNotExist, Ct)
                : _streams.AppendAsync("shared", Utf8($"e{i}"), Ct))
            .ToList();
        release.SetResult();
        await holding;
        await Task.WhenAll(queued);

        // The held write's transaction, then one for all ten.
        Assert.Equal(before + 2, _database.WriteTransactionsCommitted);
        Assert.Equal(5, await _streams.GetLastSequenceAsync("shared", Ct));
        Assert.Equal("v8", Text(await _documents.ReadAsync("doc-8", Ct)));
    }

    [Fact]
    public async Task Writes_OneFailsInTheSharedTransaction_OnlyThatOneIsUndoneAndTheOthersCommit()
    {
        await _streams.AppendAsync("s", Utf8("first"), Ct);
        await InsertBehindTheStoresBackAsync("s", sequence: 2); // the next append's insert will collide with it
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holding = HoldWriterAsync(release.Task);

        var before = _documents.WriteAsync("before", Utf8("b"), WritePrecondition.None, Ct);
        var failing = _streams.AppendAsync("s", Utf8("second"), Ct);
        var conflicting = _documents.WriteAsync("before", Utf8("again"), WritePrecondition.MustNotExist, Ct);
        var after = _streams.AppendAsync("other", Utf8("o"), Ct);
        release.SetResult();
        await holding;

        await before;
        await Assert.ThrowsAsync<SqliteException>(() => failing);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => conflicting);
        Assert.Equal(1, await after);
        Assert.Equal(1, await _streams.GetLastSequenceAsync("s", Ct)); // its head bump went with it
        Assert.Equal("b", Text(await _documents.ReadAsync("before", Ct)));
    }

    [Fact]
    public async Task Writes_TransactionLostMidBatch_TheWritesBeforeItFailTooAndTheRestCommit()
    {
        await _database.InitializeAsync(Ct);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holding = HoldWriterAsync(release.Task);

        var lost = _documents.WriteAsync("lost", Utf8("x"), WritePrecondition.None, Ct);

        // What SQLite does by itself on a full disk or an I/O error: the whole transaction is rolled back.
        var rollingBack = _database.WriteAsync<int>(
            async (connection, token) =>
            {
                await connection.Command("ROLLBACK;").ExecuteNonQueryAsync(token);
                throw new InvalidOperationException("disk full, say");
            },
            Ct);
        var later = _documents.WriteAsync("later", Utf8("y"), WritePrecondition.None, Ct);
        release.SetResult();
        await holding;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => lost);
        Assert.Equal("disk full, say", error.Message);
        await Assert.ThrowsAsync<InvalidOperationException>(() => rollingBack);
        await later;
        Assert.Null(await _documents.ReadAsync("lost", Ct));
        Assert.Equal("y", Text(await _documents.ReadAsync("later", Ct)));
    }

    [Fact]
    public async Task WriteAsync_Returned_AFreshConnectionSeesTheWrite()
    {
        var writes = Enumerable.Range(0, 32).Select(async i =>
        {
            await _documents.WriteAsync($"doc-{i}", Utf8($"{i}"), WritePrecondition.None, Ct);

            // Not a kept reader of this object: a separate handle sees only what is committed in the file.
            await using var fresh = new SqliteConnection($"Data Source={_database.FilePath};Pooling=False");
            await fresh.OpenAsync(Ct);
            await using var read = fresh.CreateCommand();
            read.CommandText = "SELECT COUNT(*) FROM documents WHERE key = $key;";
            read.Parameters.AddWithValue("$key", $"doc-{i}");
            return (long)(await read.ExecuteScalarAsync(Ct))!;
        });

        Assert.All(await Task.WhenAll(writes), count => Assert.Equal(1L, count));
    }

    [Fact]
    public async Task WriteAsync_AfterDispose_ThrowsObjectDisposedException()
    {
        await _documents.WriteAsync("doc", Utf8("x"), WritePrecondition.None, Ct);
        _database.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => _documents.WriteAsync("doc", Utf8("y"), WritePrecondition.None, Ct));
    }

    [Fact]
    public async Task IsReachableAsync_QueuedBehindWrites_RunsAfterThemAndTheWritesAfterItStillCommit()
    {
        await _database.InitializeAsync(Ct);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holding = HoldWriterAsync(release.Task);

        var before = _documents.WriteAsync("before", Utf8("b"), WritePrecondition.None, Ct);
        var probe = _database.IsReachableAsync(Ct);
        var after = _documents.WriteAsync("after", Utf8("a"), WritePrecondition.None, Ct);
        Assert.False(probe.IsCompleted);
        release.SetResult();
        await holding;

        // The probe writes on its own handle: had it run inside the writer's transaction it would have waited out busy_timeout and failed.
        Assert.True(await probe);
        await Task.WhenAll(before, after);
        Assert.Equal("a", Text(await _documents.ReadAsync("after", Ct)));
    }

    private Task<int> HoldWriterAsync(Task release) =>
        _database.WriteAsync(
            async (_, _) =>
            {
                await release;
                return 0;
            },
            Ct);

    private async Task InsertBehindTheStoresBackAsync(string stream, long sequence)
    {
        await using var sideDoor = await _database.OpenConnectionAsync(Ct);
        await using var insert = sideDoor.CreateCommand();
        insert.CommandText = "INSERT INTO stream_entries (stream_id, sequence, appended_at, payload, encoding) VALUES ((SELECT id FROM streams WHERE name = $stream), $sequence, 0, X'00', 0);";
        insert.Parameters.AddWithValue("$stream", stream);
        insert.Parameters.AddWithValue("$sequence", sequence);
        await insert.ExecuteNonQueryAsync(Ct);
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static string? Text(StoredDocument? document) => document is null ? null : Encoding.UTF8.GetString(document.Content.Span);
}
