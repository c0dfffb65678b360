using System.Runtime.CompilerServices;
using CaaBot.Storage.Abstractions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SQLitePCL;

namespace CaaBot.Storage.Sqlite;

/// <summary>
/// One SQLite file shared by <see cref="SqliteDocumentStore"/> and <see cref="SqliteStreamStore"/>: keeps one writer
/// connection and a few reader connections open with their prepared statements (<see cref="SqlitePreparedConnection"/>),
/// creates the file and migrates its schema on first use, and answers the readiness probe. One instance per file per process (register it as a singleton); SQLite
/// serves one bot instance, scale-out needs PostgreSQL.
/// </summary>
public sealed class SqliteDatabase : IStorageHealthCheck, IDisposable
{
    /// <summary>The file name used when the caller names only a directory.</summary>
    public const string DefaultFileName = "caabot.db";

    /// <summary>The page size of a file this class creates.</summary>
    public const int NewFilePageSize = 8192;

    // How long a connection waits for another writer's lock before failing with SQLITE_BUSY.
    private const int BusyTimeoutMilliseconds = 10_000;

    // Native handles that already carry the per-connection pragmas; weak, so a handle closed by the pool drops out.
    private static readonly ConditionalWeakTable<sqlite3, object> ConfiguredHandles = new();
    private static readonly object ConfiguredMarker = new();

    private readonly string _connectionString;
    private readonly string _keptConnectionString;
    private readonly string _probeConnectionString;
    private readonly int _maxIdleReaders = Math.Max(8, Environment.ProcessorCount * 2);
    private readonly Stack<SqlitePreparedConnection> _idleReaders = new();
    private SqlitePreparedConnection? _writer;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _initializeGate = new(1, 1);
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private volatile bool _initialized;
    private volatile bool _disposed;

    /// <param name="dataDirectory">Directory holding the file; created if missing. Relative paths resolve against the current directory.</param>
    /// <param name="fileName">File name inside <paramref name="dataDirectory"/> (no directory parts).</param>
    /// <param name="logger">Optional; migrations and failed probes are logged.</param>
    public SqliteDatabase(string dataDirectory, string fileName = DefaultFileName, ILogger<SqliteDatabase>? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        if (!string.Equals(Path.GetFileName(fileName), fileName, StringComparison.Ordinal))
        {
            throw new ArgumentException("A file name without directory parts is expected.", nameof(fileName));
        }

        DataDirectory = Path.GetFullPath(dataDirectory);
        FilePath = Path.Combine(DataDirectory, fileName);
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,

            // Not ForeignKeys = true: Microsoft.Data.Sqlite would then run PRAGMA foreign_keys on every Open, pooled or
            // not. The pragma is set once per handle with the others (OpenConfiguredAsync).
            DefaultTimeout = BusyTimeoutMilliseconds / 1000,
        }.ToString();

        // The connections this object keeps open itself need no pool: closing them closes the handle, so Dispose releases the file.
        _keptConnectionString = new SqliteConnectionStringBuilder(_connectionString) { Pooling = false }.ToString();

        // The probe opens a fresh, unpooled handle that must find the existing file: a pooled handle keeps
        // working on a file that was deleted underneath it, and ReadWriteCreate would quietly start a new one.
        _probeConnectionString = new SqliteConnectionStringBuilder(_connectionString)
        {
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
        }.ToString();
    }

    /// <summary>The full path of the data directory.</summary>
    public string DataDirectory { get; }

    /// <summary>The full path of the database file.</summary>
    public string FilePath { get; }

    /// <summary>The schema version this build creates and migrates to.</summary>
    public static int CurrentSchemaVersion => SqliteSchema.LatestVersion;

    /// <summary>Notifications for appends made through this database in this process.</summary>
    internal StreamSubscriptions Subscriptions { get; } = new();

    /// <summary>
    /// Creates the directory and file if missing, switches the file to WAL and migrates the schema.
    /// Idempotent; the stores call it on first use, a host may call it at start-up to fail fast.
    /// </summary>
    /// <exception cref="InvalidOperationException">The file carries a newer schema than this build understands.</exception>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_initialized)
        {
            return;
        }

        await _initializeGate.WaitAsync(cancellationToken);
        try
        {
            if (_initialized)
            {
                return;
            }

            Directory.CreateDirectory(DataDirectory);
            await using var connection = await OpenConfiguredAsync(_connectionString, cancellationToken);

            // The page size is fixed when the first table is created and cannot change in WAL mode, so this applies to a
            // new file only; an existing one keeps its size. 8 KB rather than 4: rows here are 0.7-1.3 KB (compressed
            // state, transcript entries), and a 4 KB page holds three of them and wastes the rest (~10% of the file).
            // WAL is a property of the file: set once, every later connection uses it. Readers then never block the writer.
            await using (var wal = connection.CreateCommand())
            {
                wal.CommandText = $"PRAGMA page_size = {NewFilePageSize}; PRAGMA journal_mode = WAL;";
                var mode = await wal.ExecuteScalarAsync(cancellationToken) as string;
                if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                {
                    SqliteLog.NotWal(_logger, FilePath, mode);
                }
            }

            await SqliteSchema.MigrateAsync(connection, _logger, cancellationToken);
            _initialized = true;
        }
        finally
        {
            _initializeGate.Release();
        }
    }

    /// <summary>The schema version recorded in the file.</summary>
    public async Task<int> GetSchemaVersionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        return await SqliteSchema.GetVersionAsync(connection, transaction: null, cancellationToken);
    }

    /// <summary>
    /// A real round trip on a fresh handle: opens the existing file, reads, and commits a write to the
    /// probe row. False (and a logged warning) when any of that fails; cancellation still throws.
    /// </summary>
    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken)
    {
        try
        {
            await InitializeAsync(cancellationToken);
            await using var connection = await OpenConfiguredAsync(_probeConnectionString, cancellationToken);
            await using (var read = connection.CreateCommand())
            {
                read.CommandText = "SELECT 1 FROM schema_version LIMIT 1;";
                if (await read.ExecuteScalarAsync(cancellationToken) is not long one || one != 1)
                {
                    throw new InvalidOperationException("The schema_version table is empty.");
                }
            }

            // The probe writes on its own handle but still waits its turn behind this process's writers.
            await _writeGate.WaitAsync(cancellationToken);
            try
            {
                using var transaction = connection.BeginTransaction(deferred: false);
                await using (var write = connection.CreateCommand())
                {
                    write.Transaction = transaction;
                    write.CommandText = """
                        INSERT INTO health_probe (id, checked_at) VALUES (1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
                        ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at;
                        """;
                    await write.ExecuteNonQueryAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
            }
            finally
            {
                _writeGate.Release();
            }

            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception) when (exception is SqliteException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            SqliteLog.ProbeFailed(_logger, FilePath, exception);
            return false;
        }
    }

    /// <summary>
    /// Closes the kept and pooled connections so the file is released (and its WAL checkpointed). A write still
    /// running gets a few seconds to finish first; a reader still out is closed when it comes back.
    /// </summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        lock (_idleReaders)
        {
            while (_idleReaders.TryPop(out var reader))
            {
                reader.Dispose();
            }
        }

        var writeTurnTaken = _writeGate.Wait(TimeSpan.FromSeconds(5));
        if (writeTurnTaken)
        {
            _writer?.Dispose();
            _writer = null;
        }

        using (var connection = new SqliteConnection(_connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        _initializeGate.Dispose();
        if (writeTurnTaken)
        {
            _writeGate.Dispose();
        }
    }

    /// <summary>An open pooled connection to the initialized file. The caller disposes it.</summary>
    internal async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        return await OpenConfiguredAsync(_connectionString, cancellationToken);
    }

    /// <summary>
    /// A kept reader connection for one call; dispose the lease to hand it back. Readers run beside the writer (WAL):
    /// they see the last committed state. Idle readers beyond a small bound are closed rather than kept.
    /// </summary>
    internal async Task<ReaderLease> RentReaderAsync(CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        lock (_idleReaders)
        {
            if (_idleReaders.TryPop(out var idle))
            {
                return new ReaderLease(this, idle);
            }
        }

        return new ReaderLease(this, new SqlitePreparedConnection(await OpenConfiguredAsync(_keptConnectionString, cancellationToken)));
    }

    /// <summary>
    /// This process's turn to write, on the one kept writer connection; dispose to pass it on. SQLite admits one writer
    /// per file, and a second writer that meets the lock waits inside <c>sqlite3_step</c>, in SQLite's busy handler,
    /// which puts the thread to sleep with a growing back-off (1, 2, 5, 10 … 100 ms) and retries. Under concurrent turns
    /// that parked thread-pool threads and let the lock sit free while its waiters slept. Writers of this process
    /// therefore queue here, asynchronously and first come first served, and reach SQLite only when no other writer of
    /// this process is in; <c>busy_timeout</c> still covers writers in other processes on the same file. Because writes
    /// are serialized here anyway, one connection serves them all and keeps every write statement prepared.
    /// </summary>
    internal async Task<WriteTurn> EnterWriteAsync(CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _writer ??= new SqlitePreparedConnection(await OpenConfiguredAsync(_keptConnectionString, cancellationToken));
            return new WriteTurn(this, _writer);
        }
        catch
        {
            _writeGate.Release();
            throw;
        }
    }

    private void ReturnReader(SqlitePreparedConnection reader)
    {
        lock (_idleReaders)
        {
            // Under the lock Dispose takes to drain the stack, so a reader coming back after Dispose is closed, never kept.
            if (!_disposed && _idleReaders.Count < _maxIdleReaders)
            {
                _idleReaders.Push(reader);
                return;
            }
        }

        reader.Dispose();
    }

    private void EndWrite(SqlitePreparedConnection writer)
    {
        try
        {
            writer.RollBackIfInTransaction();
        }
        catch (SqliteException exception)
        {
            // The handle is in a state we cannot vouch for: drop it, the next write opens a new one. The caller is
            // already seeing the error that brought us here.
            SqliteLog.WriterDiscarded(_logger, FilePath, exception);
            writer.Dispose();
            _writer = null;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private static async Task<SqliteConnection> OpenConfiguredAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);

            // Per-connection settings, which live on the native handle: applied once to each new handle. A pooled
            // connection hands out the handle it had before, already configured, so a store call (a turn makes a
            // dozen or more) does not run three more statements first.
            // synchronous=NORMAL is durable against process crashes in WAL mode and much faster than FULL.
            if (ConfiguredHandles.TryGetValue(connection.Handle!, out _))
            {
                return connection;
            }

            await using var pragmas = connection.CreateCommand();
            pragmas.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;";
            await pragmas.ExecuteNonQueryAsync(cancellationToken);
            ConfiguredHandles.AddOrUpdate(connection.Handle!, ConfiguredMarker);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>A kept reader connection, out for one call (<see cref="RentReaderAsync"/>).</summary>
    internal readonly struct ReaderLease(SqliteDatabase database, SqlitePreparedConnection connection) : IDisposable
    {
        public SqlitePreparedConnection Connection => connection;

        public void Dispose() => database.ReturnReader(connection);
    }

    /// <summary>Held while a write runs (<see cref="EnterWriteAsync"/>); disposing it rolls back a transaction the write left open.</summary>
    internal readonly struct WriteTurn(SqliteDatabase database, SqlitePreparedConnection writer) : IDisposable
    {
        public SqlitePreparedConnection Connection => writer;

        public void Dispose() => database.EndWrite(writer);
    }
}
