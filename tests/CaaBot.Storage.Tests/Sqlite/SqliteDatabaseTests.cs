using System.Text;
using CaaBot.Storage.Abstractions;
using CaaBot.Storage.Sqlite;
using CaaBot.Storage.Tests.Support;
using Microsoft.Data.Sqlite;

namespace CaaBot.Storage.Tests.Sqlite;

/// <summary>What only the SQLite backend has: a file, its journal mode, its schema, reopening, the readiness probe.</summary>
public sealed class SqliteDatabaseTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(2));
    private readonly List<SqliteDatabase> _databases = [];

    private CancellationToken Ct => _timeout.Token;

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
    public async Task InitializeAsync_MissingDirectory_CreatesDirectoryAndFile()
    {
        var dataDirectory = Path.Combine(_directory.Path, "nested", "data");
        var database = Track(new SqliteDatabase(dataDirectory));

        await database.InitializeAsync(Ct);

        Assert.True(File.Exists(Path.Combine(dataDirectory, SqliteDatabase.DefaultFileName)));
        Assert.Equal(Path.Combine(dataDirectory, SqliteDatabase.DefaultFileName), database.FilePath);
    }

    [Fact]
    public async Task InitializeAsync_NewFile_IsInWalMode()
    {
        var database = await OpenAsync();

        Assert.Equal("wal", await ScalarAsync(database, "PRAGMA journal_mode;"));
    }

    [Fact]
    public async Task InitializeAsync_NewFile_HasTheLargerPageSize()
    {
        var database = await OpenAsync();

        Assert.Equal((long)SqliteDatabase.NewFilePageSize, await ScalarAsync(database, "PRAGMA page_size;"));
    }

    [Fact]
    public async Task InitializeAsync_ExistingFileWithSmallerPages_KeepsThemAndWorks()
    {
        var path = Path.Combine(_directory.Path, SqliteDatabase.DefaultFileName);
        await using (var older = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await older.OpenAsync(Ct);
            await using var create = older.CreateCommand();
            create.CommandText = "PRAGMA page_size = 4096; PRAGMA journal_mode = WAL; CREATE TABLE unrelated (id INTEGER PRIMARY KEY);";
            await create.ExecuteNonQueryAsync(Ct);
        }

        var database = await OpenAsync();
        await new SqliteDocumentStore(database).WriteAsync("doc", Encoding.UTF8.GetBytes("x"), WritePrecondition.None, Ct);

        Assert.Equal(4096L, await ScalarAsync(database, "PRAGMA page_size;"));
        Assert.Equal("wal", await ScalarAsync(database, "PRAGMA journal_mode;"));
        Assert.Equal("x", Encoding.UTF8.GetString((await new SqliteDocumentStore(database).ReadAsync("doc", Ct))!.Content.Span));
    }

    [Fact]
    public async Task OpenConnectionAsync_AnyConnection_HasBusyTimeoutSynchronousNormalAndForeignKeys()
    {
        var database = await OpenAsync();

        await using var connection = await database.OpenConnectionAsync(Ct);

        Assert.Equal(10_000L, await ScalarAsync(connection, "PRAGMA busy_timeout;"));
        Assert.Equal(1L, await ScalarAsync(connection, "PRAGMA synchronous;")); // 1 = NORMAL
        Assert.Equal(1L, await ScalarAsync(connection, "PRAGMA foreign_keys;"));
    }

    [Fact]
    public async Task OpenConnectionAsync_PooledHandleHandedOutAgain_KeepsItsSettingsWithoutReapplyingThem()
    {
        var database = await OpenAsync();
        SQLitePCL.sqlite3 first;
        await using (var connection = await database.OpenConnectionAsync(Ct))
        {
            first = connection.Handle!;
        }

        await using var again = await database.OpenConnectionAsync(Ct);

        Assert.Same(first, again.Handle); // the pool's handle, configured when it was new
        Assert.Equal(10_000L, await ScalarAsync(again, "PRAGMA busy_timeout;"));
        Assert.Equal(1L, await ScalarAsync(again, "PRAGMA synchronous;"));
        Assert.Equal(1L, await ScalarAsync(again, "PRAGMA foreign_keys;"));
    }

    [Fact]
    public async Task InitializeAsync_NewFile_RecordsEverySchemaVersion()
    {
        var database = await OpenAsync();

        Assert.Equal(SqliteDatabase.CurrentSchemaVersion, await database.GetSchemaVersionAsync(Ct));
        Assert.Equal(
            Enumerable.Range(1, SqliteDatabase.CurrentSchemaVersion).Select(v => (long)v),
            await ColumnAsync(database, "SELECT version FROM schema_version ORDER BY version;"));
    }

    [Fact]
    public async Task InitializeAsync_ExistingFile_DoesNotReapplyMigrations()
    {
        (await OpenAsync()).Dispose();

        var reopened = await OpenAsync();
        await reopened.InitializeAsync(Ct);

        Assert.Equal(SqliteDatabase.CurrentSchemaVersion, (long)(await ScalarAsync(reopened, "SELECT COUNT(*) FROM schema_version;"))!);
    }

    [Fact]
    public async Task InitializeAsync_FileFromNewerBuild_ThrowsAndStoresRefuseToRun()
    {
        var database = await OpenAsync();
        await ScalarAsync(database, $"INSERT INTO schema_version (version, applied_at) VALUES ({SqliteDatabase.CurrentSchemaVersion + 1}, 'later');");
        database.Dispose();

        var older = Track(new SqliteDatabase(_directory.Path));

        await Assert.ThrowsAsync<InvalidOperationException>(() => older.InitializeAsync(Ct));
        await Assert.ThrowsAsync<InvalidOperationException>(() => new SqliteDocumentStore(older).ReadAsync("key", Ct));
    }

    [Fact]
    public async Task Reopen_AfterDispose_KeepsDocumentsStreamsAndETags()
    {
        var first = await OpenAsync();
        var etag = await new SqliteDocumentStore(first).WriteAsync("state/user 1", Encoding.UTF8.GetBytes("{\"step\":2}"), WritePrecondition.MustNotExist, Ct);
        var firstStreams = new SqliteStreamStore(first);
        await firstStreams.AppendAsync("transcript/1", Encoding.UTF8.GetBytes("hello"), Ct);
        await firstStreams.AppendAsync("transcript/1", Encoding.UTF8.GetBytes("world"), Ct);
        first.Dispose();

        var reopened = await OpenAsync();
        var documents = new SqliteDocumentStore(reopened);
        var streams = new SqliteStreamStore(reopened);

        var read = await documents.ReadAsync("state/user 1", Ct);
        Assert.Equal("{\"step\":2}", Encoding.UTF8.GetString(read!.Content.Span));
        Assert.Equal(etag, read.ETag);
        await documents.WriteAsync("state/user 1", Encoding.UTF8.GetBytes("{\"step\":3}"), WritePrecondition.IfMatch(etag), Ct);
        Assert.Equal(["hello", "world"], (await streams.ReadAsync("transcript/1", 0, 10, Ct)).Select(e => Encoding.UTF8.GetString(e.Payload.Span)));
        Assert.Equal(3, await streams.AppendAsync("transcript/1", Encoding.UTF8.GetBytes("again"), Ct));
    }

    [Fact]
    public async Task Reopen_FilesCopiedWhileStillOpen_KeepCommittedWrites()
    {
        // A copy of the files taken while the database is open and never checkpointed is what a crashed
        // process leaves behind: committed transactions must be in it (in the WAL).
        var database = await OpenAsync();
        await new SqliteDocumentStore(database).WriteAsync("doc", Encoding.UTF8.GetBytes("committed"), WritePrecondition.None, Ct);
        await new SqliteStreamStore(database).AppendAsync("stream", Encoding.UTF8.GetBytes("committed"), Ct);
        var crashed = Path.Combine(_directory.Path, "crashed");
        Directory.CreateDirectory(crashed);
        foreach (var suffix in new[] { string.Empty, "-wal" })
        {
            var source = database.FilePath + suffix;
            if (File.Exists(source))
            {
                File.Copy(source, Path.Combine(crashed, SqliteDatabase.DefaultFileName + suffix));
            }
        }

        var recovered = Track(new SqliteDatabase(crashed));
        await recovered.InitializeAsync(Ct);

        Assert.Equal("committed", Encoding.UTF8.GetString((await new SqliteDocumentStore(recovered).ReadAsync("doc", Ct))!.Content.Span));
        Assert.Equal(1, await new SqliteStreamStore(recovered).GetLastSequenceAsync("stream", Ct));
    }

    [Fact]
    public async Task ReadAsync_WhileAnotherConnectionHoldsTheWriteLock_ReadsLastCommittedVersion()
    {
        var database = await OpenAsync();
        var documents = new SqliteDocumentStore(database);
        await documents.WriteAsync("doc", Encoding.UTF8.GetBytes("committed"), WritePrecondition.None, Ct);
        await using var writer = await database.OpenConnectionAsync(Ct);
        using var transaction = writer.BeginTransaction(deferred: false);
        await using (var update = writer.CreateCommand())
        {
            update.Transaction = transaction;
            update.CommandText = "UPDATE documents SET content = X'00' WHERE key = 'doc';";
            await update.ExecuteNonQueryAsync(Ct);
        }

        // Readers neither wait for an open write transaction nor see its uncommitted changes.
        var read = await documents.ReadAsync("doc", Ct);

        Assert.Equal("committed", Encoding.UTF8.GetString(read!.Content.Span));
        transaction.Rollback();
    }

    [Fact]
    public async Task AppendAsync_TwoDatabaseObjectsOnOneFileInParallel_NumberGapFree()
    {
        var one = new SqliteStreamStore(await OpenAsync());
        var two = new SqliteStreamStore(await OpenAsync());

        var appends = Enumerable.Range(0, 8).Select(i => Task.Run(
            async () =>
            {
                var store = i % 2 == 0 ? one : two;
                var sequences = new List<long>();
                for (var j = 0; j < 50; j++)
                {
                    sequences.Add(await store.AppendAsync("shared", new byte[] { (byte)i }, Ct));
                }

                return sequences;
            },
            Ct));

        var all = (await Task.WhenAll(appends)).SelectMany(s => s).Order();
        Assert.Equal(Enumerable.Range(1, 400).Select(i => (long)i), all);
    }

    [Fact]
    public async Task Writes_ManyConcurrentWritersOnOneDatabase_AllCommitAndEveryStreamIsGapFree()
    {
        var database = await OpenAsync();
        var streams = new SqliteStreamStore(database);
        var documents = new SqliteDocumentStore(database);

        // 40 concurrent turns, each appending to one of 4 streams and writing its own document, as Direct Line turns do.
        var writers = Enumerable.Range(0, 40).Select(i => Task.Run(
            async () =>
            {
                var sequences = new List<long>();
                for (var j = 0; j < 10; j++)
                {
                    sequences.Add(await streams.AppendAsync($"conversation-{i % 4}", new byte[] { (byte)j }, Ct));
                    await documents.WriteAsync($"state-{i}", Encoding.UTF8.GetBytes($"{j}"), WritePrecondition.None, Ct);
                }

                return (Stream: i % 4, Sequences: sequences);
            },
            Ct));

        var results = await Task.WhenAll(writers);
        foreach (var perStream in results.GroupBy(result => result.Stream))
        {
            Assert.Equal(Enumerable.Range(1, 100).Select(i => (long)i), perStream.SelectMany(result => result.Sequences).Order());
        }

        foreach (var i in Enumerable.Range(0, 40))
        {
            Assert.Equal("9", Encoding.UTF8.GetString((await documents.ReadAsync($"state-{i}", Ct))!.Content.Span));
        }
    }

    [Fact]
    public async Task WriteAsync_CancelledWhileQueuedBehindAnotherWriter_ThrowsAndWritesNothing()
    {
        var database = await OpenAsync();
        var documents = new SqliteDocumentStore(database);
        var streams = new SqliteStreamStore(database);
        using var cancel = new CancellationTokenSource();

        Task queuedWrite, queuedAppend;
        using (await database.EnterWriteAsync(Ct))
        {
            queuedWrite = documents.WriteAsync("doc", Encoding.UTF8.GetBytes("late"), WritePrecondition.None, cancel.Token);
            queuedAppend = streams.AppendAsync("s", Encoding.UTF8.GetBytes("late"), cancel.Token);
            await cancel.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queuedWrite);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queuedAppend);
        }

        Assert.Null(await documents.ReadAsync("doc", Ct));
        Assert.Equal(0, await streams.GetLastSequenceAsync("s", Ct));
        await documents.WriteAsync("doc", Encoding.UTF8.GetBytes("after"), WritePrecondition.None, Ct); // the turn was passed on
    }

    [Fact]
    public async Task Subscribe_AppendThroughAnotherStoreOnTheSameDatabase_IsHeard()
    {
        var database = await OpenAsync();
        var recorder = new SequenceRecorder();
        using var subscription = new SqliteStreamStore(database).Subscribe("s", recorder.OnAppended);

        await new SqliteStreamStore(database).AppendAsync("s", Encoding.UTF8.GetBytes("x"), Ct);

        await recorder.WaitForAsync(1, Ct);
    }

    [Fact]
    public async Task IsReachableAsync_HealthyFile_ReturnsTrue()
    {
        var database = await OpenAsync();

        Assert.True(await database.IsReachableAsync(Ct));
        Assert.True(await database.IsReachableAsync(Ct));
        Assert.NotNull(await ScalarAsync(database, "SELECT checked_at FROM health_probe WHERE id = 1;"));
    }

    [Fact]
    public async Task IsReachableAsync_BeforeInitialize_InitializesAndReturnsTrue()
    {
        var database = Track(new SqliteDatabase(Path.Combine(_directory.Path, "lazy")));

        Assert.True(await database.IsReachableAsync(Ct));
    }

    [Fact]
    public async Task IsReachableAsync_DirectoryDeleted_ReturnsFalse()
    {
        var dataDirectory = Path.Combine(_directory.Path, "data");
        var database = Track(new SqliteDatabase(dataDirectory));
        await new SqliteDocumentStore(database).WriteAsync("doc", Encoding.UTF8.GetBytes("x"), WritePrecondition.None, Ct);

        Directory.Delete(dataDirectory, recursive: true);

        Assert.False(await database.IsReachableAsync(Ct));
    }

    [Fact]
    public async Task IsReachableAsync_DirectoryReplacedByAFile_ReturnsFalse()
    {
        var dataDirectory = Path.Combine(_directory.Path, "data");
        var database = Track(new SqliteDatabase(dataDirectory));
        await database.InitializeAsync(Ct);

        Directory.Delete(dataDirectory, recursive: true);
        await File.WriteAllTextAsync(dataDirectory, "not a directory", Ct);

        Assert.False(await database.IsReachableAsync(Ct));
    }

    [Fact]
    public async Task IsReachableAsync_DirectoryUnusableBeforeFirstUse_ReturnsFalse()
    {
        var blocker = Path.Combine(_directory.Path, "blocker");
        await File.WriteAllTextAsync(blocker, "a file where the data directory's parent should be", Ct);
        var database = Track(new SqliteDatabase(Path.Combine(blocker, "data")));

        Assert.False(await database.IsReachableAsync(Ct));
    }

    [Fact]
    public async Task IsReachableAsync_CancelledToken_Throws()
    {
        var database = await OpenAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => database.IsReachableAsync(cancelled.Token));
    }

    [Theory]
    [InlineData("sub/caabot.db")]
    [InlineData("../caabot.db")]
    [InlineData(" ")]
    public void Constructor_FileNameWithDirectoryPartsOrBlank_ThrowsArgumentException(string fileName)
    {
        Assert.ThrowsAny<ArgumentException>(() => new SqliteDatabase(_directory.Path, fileName));
    }

    [Fact]
    public void Constructor_RelativeDirectory_ResolvesToFullPath()
    {
        using var database = new SqliteDatabase("data", "custom.db");

        Assert.Equal(Path.Combine(Environment.CurrentDirectory, "data", "custom.db"), database.FilePath);
    }

    [Fact]
    public async Task AppendAsync_FailingInsideItsTransaction_RollsBackAndTheKeptWriterServesTheNextWrite()
    {
        var database = await OpenAsync();
        var streams = new SqliteStreamStore(database);
        var documents = new SqliteDocumentStore(database);
        await streams.AppendAsync("transcript/1", Encoding.UTF8.GetBytes("first"), Ct);

        // An entry behind the store's back takes the next sequence: the append bumps the head, then its insert fails.
        await using (var sideDoor = await database.OpenConnectionAsync(Ct))
        await using (var insert = sideDoor.CreateCommand())
        {
            insert.CommandText = "INSERT INTO stream_entries (stream_id, sequence, appended_at, payload, encoding) VALUES ((SELECT id FROM streams WHERE name = 'transcript/1'), 2, 0, X'00', 0);";
            await insert.ExecuteNonQueryAsync(Ct);
        }

        await Assert.ThrowsAsync<SqliteException>(() => streams.AppendAsync("transcript/1", Encoding.UTF8.GetBytes("second"), Ct));

        // Rolled back: the head was not moved, no transaction lingers on the writer, later writes of any kind commit.
        Assert.Equal(1, await streams.GetLastSequenceAsync("transcript/1", Ct));
        await documents.WriteAsync("doc", Encoding.UTF8.GetBytes("after"), WritePrecondition.MustNotExist, Ct);
        Assert.Equal(1, await streams.AppendAsync("transcript/2", Encoding.UTF8.GetBytes("other"), Ct));
        database.Dispose();

        var reopened = await OpenAsync();
        Assert.Equal("after", Encoding.UTF8.GetString((await new SqliteDocumentStore(reopened).ReadAsync("doc", Ct))!.Content.Span));
        Assert.Equal(1, await new SqliteStreamStore(reopened).GetLastSequenceAsync("transcript/2", Ct));
    }

    [Fact]
    public async Task ReadAsync_ManyConcurrentReadersAndWriters_EachReadSeesACommittedVersion()
    {
        var database = await OpenAsync();
        var documents = new SqliteDocumentStore(database);
        await documents.WriteAsync("counter", Encoding.UTF8.GetBytes("0"), WritePrecondition.None, Ct);

        var writer = Task.Run(async () =>
        {
            for (var i = 1; i <= 200; i++)
            {
                await documents.WriteAsync("counter", Encoding.UTF8.GetBytes(i.ToString(System.Globalization.CultureInfo.InvariantCulture)), WritePrecondition.None, Ct);
            }
        });
        var readers = Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            var last = 0;
            while (!writer.IsCompleted)
            {
                var seen = int.Parse(Encoding.UTF8.GetString((await documents.ReadAsync("counter", Ct))!.Content.Span), System.Globalization.CultureInfo.InvariantCulture);
                Assert.True(seen >= last, $"a reader went back from {last} to {seen}");
                last = seen;
            }
        })).ToList();

        await writer;
        await Task.WhenAll(readers);
        Assert.Equal("200", Encoding.UTF8.GetString((await documents.ReadAsync("counter", Ct))!.Content.Span));
    }

    [Fact]
    public async Task Dispose_AfterKeptReadersAndWriterWereUsed_ReleasesTheFile()
    {
        var database = await OpenAsync();
        var documents = new SqliteDocumentStore(database);
        await documents.WriteAsync("doc", Encoding.UTF8.GetBytes("kept"), WritePrecondition.MustNotExist, Ct);
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => documents.ReadAsync("doc", Ct)));

        database.Dispose();

        // Closed handles checkpoint and remove the WAL: nothing of this process still holds the file.
        Assert.False(File.Exists(database.FilePath + "-wal"), "the WAL file is still there, so a connection is still open");
        await using var exclusive = new SqliteConnection($"Data Source={database.FilePath};Pooling=False");
        await exclusive.OpenAsync(Ct);
        await using var command = exclusive.CreateCommand();
        command.CommandText = "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; COMMIT;";
        await command.ExecuteNonQueryAsync(Ct);
    }

    [Fact]
    public async Task Dispose_ThenUse_ThrowsObjectDisposedException()
    {
        var database = await OpenAsync();
        database.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => new SqliteDocumentStore(database).ReadAsync("key", Ct));
        database.Dispose();
    }

    private SqliteDatabase Track(SqliteDatabase database)
    {
        _databases.Add(database);
        return database;
    }

    private async Task<SqliteDatabase> OpenAsync()
    {
        var database = Track(new SqliteDatabase(_directory.Path));
        await database.InitializeAsync(Ct);
        return database;
    }

    private async Task<object?> ScalarAsync(SqliteDatabase database, string sql)
    {
        await using var connection = await database.OpenConnectionAsync(Ct);
        return await ScalarAsync(connection, sql);
    }

    private async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(Ct);
    }

    private async Task<List<long>> ColumnAsync(SqliteDatabase database, string sql)
    {
        await using var connection = await database.OpenConnectionAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var values = new List<long>();
        while (await reader.ReadAsync(Ct))
        {
            values.Add(reader.GetInt64(0));
        }

        return values;
    }
}
