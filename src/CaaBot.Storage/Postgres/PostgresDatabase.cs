using System.Globalization;
using System.Net.Sockets;
using System.Text;
using CaaBot.Storage.Abstractions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CaaBot.Storage.Postgres;

/// <summary>
/// One PostgreSQL schema shared by <see cref="PostgresDocumentStore"/> and <see cref="PostgresStreamStore"/>, and by
/// every bot instance pointed at it: a connection pool, the schema migration on first use, the readiness probe, and
/// the one listening connection per instance that turns other instances' appends (PostgreSQL <c>NOTIFY</c>) into
/// calls to this instance's subscribers. Register one per process as a singleton.
/// </summary>
public sealed class PostgresDatabase : IStorageHealthCheck, IAsyncDisposable, IDisposable
{
    private readonly PostgresDatabaseOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly NpgsqlDataSource _dataSource;

    // Unpooled: the listening connection lives for hours and must not come back to the pool with LISTEN on it, and the
    // probe must make a real round trip rather than reuse a pooled connection that only looks alive.
    private readonly NpgsqlDataSource _unpooledSource;
    private readonly SemaphoreSlim _initializeGate = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _listenerGate = new();
    private readonly string _notificationPrefix;
    private Task? _listener;
    private TaskCompletionSource _listenerConnected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _initialized;
    private volatile bool _disposed;
    private int _listenerProcessId;
    private int _listenerConnections;

    /// <param name="options">Connection string and schema.</param>
    /// <param name="timeProvider">Clock for reconnect back-off and the probe's timeout; the system clock when null.</param>
    /// <param name="logger">Optional; migrations, the listener's state and failed probes are logged.</param>
    /// <exception cref="ArgumentException">The connection string does not parse or the schema name is not usable.</exception>
    public PostgresDatabase(PostgresDatabaseOptions options, TimeProvider? timeProvider = null, ILogger<PostgresDatabase>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ConnectionString, nameof(options));
        PostgresSchema.ValidateSchemaName(options.Schema);
        _options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;

        var builder = WithStoreDefaults(options.ConnectionString);
        Server = Describe(builder);
        Schema = options.Schema;
        Channel = Schema + "_stream_appended";
        InstanceId = Guid.NewGuid().ToString("N");
        _notificationPrefix = InstanceId + " ";
        _dataSource = NpgsqlDataSource.Create(builder);
        _unpooledSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(builder.ConnectionString) { Pooling = false });
        PostgresLog.Opened(_logger, Server, Schema, InstanceId);
    }

    /// <summary>
    /// The connection string with two settings the stores want, unless it sets them itself. <c>Max Auto Prepare</c>:
    /// the stores run a dozen statements over and over, and a prepared statement skips the server's parse and plan;
    /// on the HTTP benchmark the two together doubled turns per second (156/211/220 → 314/345/430 at concurrency 1/8/64,
    /// the server on the host's core). <c>No Reset On Close</c>: without it every connection handed back to the pool
    /// is reset with its next command, a server round of its own; the stores change no session state (no <c>SET</c>,
    /// no temporary tables; <c>LISTEN</c> runs on the unpooled listening connection), so there is nothing to reset.
    /// </summary>
    internal static NpgsqlConnectionStringBuilder WithStoreDefaults(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 32;
        }

        if (!given.ContainsKey("No Reset On Close") && !given.ContainsKey("NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        return builder;
    }

    /// <summary>The schema version this build creates and migrates to.</summary>
    public static int CurrentSchemaVersion => PostgresSchema.LatestVersion;

    /// <summary>Host, port and database of the server: safe to log (no user name or password).</summary>
    public string Server { get; }

    /// <summary>The PostgreSQL schema holding the tables.</summary>
    public string Schema { get; }

    /// <summary>Identifies this instance in its notifications, so its own appends are not delivered twice.</summary>
    public string InstanceId { get; }

    /// <summary>The NOTIFY channel appends are announced on.</summary>
    internal string Channel { get; }

    /// <summary>This instance's subscribers.</summary>
    internal StreamSubscriptions Subscriptions { get; } = new();

    /// <summary>The server process id of the listening connection while it is connected, else 0 (for tests that cut it).</summary>
    internal int ListenerProcessId => Volatile.Read(ref _listenerProcessId);

    /// <summary>How often the listening connection has (re)connected and caught its subscribers up.</summary>
    internal int ListenerConnections => Volatile.Read(ref _listenerConnections);

    /// <summary>
    /// Creates the schema and its tables if missing and migrates them. Idempotent and safe to run from several
    /// instances at once; the stores call it on first use, a host calls it at start-up to fail fast.
    /// </summary>
    /// <exception cref="InvalidOperationException">The schema carries a newer version than this build understands.</exception>
    /// <exception cref="NpgsqlException">The server is unreachable or refused the migration.</exception>
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

            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            await PostgresSchema.MigrateAsync(connection, Schema, _logger, cancellationToken);
            _initialized = true;
        }
        finally
        {
            _initializeGate.Release();
        }
    }

    /// <summary>The schema version recorded in the database.</summary>
    public async Task<int> GetSchemaVersionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        return await PostgresSchema.GetVersionAsync(connection, transaction: null, Schema, cancellationToken);
    }

    /// <summary>
    /// A real round trip on a fresh, unpooled connection: reads the schema version table and commits a write to the
    /// probe row. False (and a logged warning) when the server cannot be reached within the probe timeout or refuses;
    /// cancellation by the caller still throws.
    /// </summary>
    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.ProbeTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await InitializeAsync(linked.Token);
            await using var connection = await _unpooledSource.OpenConnectionAsync(linked.Token);
            await using var command = new NpgsqlCommand(
                $"""
                SELECT 1 FROM {Schema}.schema_version LIMIT 1;
                INSERT INTO {Schema}.health_probe (id, checked_at) VALUES (1, now())
                ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at;
                """,
                connection);
            if (await command.ExecuteScalarAsync(linked.Token) is not int one || one != 1)
            {
                throw new InvalidOperationException("The schema_version table is empty.");
            }

            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception) when (IsConnectionFailure(exception) || exception is OperationCanceledException or InvalidOperationException)
        {
            PostgresLog.ProbeFailed(_logger, Server, exception);

            // Pooled connections to a server that went away are dead too: let the stores start afresh once it is back.
            _dataSource.Clear();
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _stopping.CancelAsync();
        Task? listener;
        lock (_listenerGate)
        {
            listener = _listener;
        }

        if (listener is not null)
        {
            await listener;
        }

        await _dataSource.DisposeAsync();
        await _unpooledSource.DisposeAsync();
        _stopping.Dispose();
        _initializeGate.Dispose();
    }

    /// <summary>Stops the listener without waiting for it and closes the pool; prefer <see cref="DisposeAsync"/>.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _stopping.Cancel();
        _dataSource.Dispose();
        _unpooledSource.Dispose();
    }

    /// <summary>An open pooled connection to the initialized schema. The caller disposes it.</summary>
    internal async Task<NpgsqlConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await InitializeAsync(cancellationToken);
        return await _dataSource.OpenConnectionAsync(cancellationToken);
    }

    /// <summary>The NOTIFY payload for an append of this instance: "instance sequence base64(name)".</summary>
    internal string NotificationPrefix => _notificationPrefix;

    /// <summary>Starts the listening connection once (the first subscription does).</summary>
    internal void EnsureListening()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        lock (_listenerGate)
        {
            _listener ??= Task.Run(() => ListenAsync(_stopping.Token));
        }
    }

    /// <summary>Completes once the listening connection has connected at least <paramref name="connections"/> times (tests).</summary>
    internal async Task WaitForListenerAsync(int connections, CancellationToken cancellationToken)
    {
        EnsureListening();
        while (ListenerConnections < connections)
        {
            Task next;
            lock (_listenerGate)
            {
                next = _listenerConnected.Task;
            }

            if (ListenerConnections >= connections)
            {
                return;
            }

            await next.WaitAsync(cancellationToken);
        }
    }

    internal static bool IsConnectionFailure(Exception exception) =>
        exception is NpgsqlException or IOException or SocketException or TimeoutException;

    private static string Describe(NpgsqlConnectionStringBuilder builder) =>
        string.Create(CultureInfo.InvariantCulture, $"{builder.Host ?? "localhost"}:{builder.Port}/{builder.Database ?? builder.Username ?? "(default)"}");

    /// <summary>
    /// The listening connection's life: connect, LISTEN, tell every subscriber the latest sequence of its stream (so
    /// an append another instance made while this one was not listening is not missed), then wait for notifications,
    /// pinging when idle so a dead server is noticed. Any failure: wait (growing back-off) and start over.
    /// </summary>
    private async Task ListenAsync(CancellationToken stopping)
    {
        var delay = _options.ListenerReconnectDelay;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await InitializeAsync(stopping);
                await using var connection = await _unpooledSource.OpenConnectionAsync(stopping);
                connection.Notification += OnNotification;
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel};", connection))
                {
                    await listen.ExecuteNonQueryAsync(stopping);
                }

                await CatchUpAsync(connection, stopping);
                Volatile.Write(ref _listenerProcessId, connection.ProcessID);
                SignalConnected();
                PostgresLog.Listening(_logger, Server, Channel);
                delay = _options.ListenerReconnectDelay;
                while (true)
                {
                    if (!await connection.WaitAsync(_options.ListenerPingInterval, stopping))
                    {
                        await using var ping = new NpgsqlCommand("SELECT 1;", connection);
                        await ping.ExecuteNonQueryAsync(stopping);
                    }
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The listener must outlive every failure (server restart, network, failover); it logs and reconnects.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                Volatile.Write(ref _listenerProcessId, 0);
                PostgresLog.ListenerLost(_logger, Server, delay, exception);
                try
                {
                    await Task.Delay(delay, _timeProvider, stopping);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxListenerReconnectDelay.Ticks));
            }
        }
    }

    private async Task CatchUpAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var streams = Subscriptions.SubscribedStreams;
        if (streams.Count == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand($"SELECT name, last_sequence FROM {Schema}.streams WHERE name = ANY(@names);", connection);
        command.Parameters.AddWithValue("names", streams.Select(Encoding.UTF8.GetBytes).ToArray());
        var latest = new List<(string Stream, long Sequence)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                latest.Add((Encoding.UTF8.GetString(reader.GetFieldValue<byte[]>(0)), reader.GetInt64(1)));
            }
        }

        foreach (var (stream, sequence) in latest)
        {
            Subscriptions.Notify(stream, sequence);
        }
    }

    private void SignalConnected()
    {
        TaskCompletionSource connected;
        lock (_listenerGate)
        {
            Interlocked.Increment(ref _listenerConnections);
            connected = _listenerConnected;
            _listenerConnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        connected.TrySetResult();
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs notification)
    {
        // Own appends were delivered right after their commit; only other instances' appends are news here.
        var payload = notification.Payload;
        if (payload.StartsWith(_notificationPrefix, StringComparison.Ordinal))
        {
            return;
        }

        var parts = payload.Split(' ');
        if (parts.Length != 3 || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            PostgresLog.MalformedNotification(_logger, notification.Channel);
            return;
        }

        string stream;
        try
        {
            stream = Encoding.UTF8.GetString(Convert.FromBase64String(parts[2]));
        }
        catch (FormatException)
        {
            PostgresLog.MalformedNotification(_logger, notification.Channel);
            return;
        }

        Subscriptions.Notify(stream, sequence);
    }
}
