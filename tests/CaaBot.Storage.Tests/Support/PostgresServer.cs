using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace CaaBot.Storage.Tests.Support;

/// <summary>
/// A real PostgreSQL 15 that the tests start themselves (reference/servers.md): <c>initdb</c> as the postgres user
/// into a fresh temp folder, <c>pg_ctl start</c> on a free loopback port with the socket in that folder, and
/// <c>pg_ctl -m fast stop</c> plus deletion at the end. Missing binaries fail the tests with the install command;
/// nothing is skipped. Also linked into the Web and end-to-end test projects.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    /// <summary>Where Debian's postgresql-15 package puts the server binaries.</summary>
    public const string BinDirectory = "/usr/lib/postgresql/15/bin";

    /// <summary>The database created for the tests (the server is thrown away afterwards).</summary>
    public const string TestDatabase = "caabot_tests";

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);
    private string? _root;

    /// <summary>The TCP port on 127.0.0.1.</summary>
    public int Port { get; private set; }

    /// <summary>True between a successful start and a stop.</summary>
    public bool IsRunning { get; private set; }

    private string Root => _root ?? throw new InvalidOperationException("The server was not started.");

    private string DataDirectory => Path.Combine(Root, "data");

    /// <summary>A connection string for the superuser to <paramref name="database"/> (trust authentication; the password is ignored).</summary>
    public string ConnectionString(string database = TestDatabase, string? password = null)
    {
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = "postgres",
            Database = database,
            Timeout = 5,
        };
        if (password is not null)
        {
            builder.Password = password;
        }

        return builder.ConnectionString;
    }

    /// <summary>A schema name no other test uses.</summary>
    public static string NewSchema() => "t_" + Guid.NewGuid().ToString("N")[..16];

    public async Task InitializeAsync()
    {
        var initdb = Path.Combine(BinDirectory, "initdb");
        if (!File.Exists(initdb))
        {
            throw new InvalidOperationException(
                $"PostgreSQL 15 is not installed ({initdb} is missing). Install it with `apt-get install -y postgresql` " +
                "(./test.sh does this on a fresh machine); these tests need a real server and are never skipped.");
        }

        // /tmp is traversable by the postgres user; the folder is handed to it because initdb refuses to run as root.
        _root = Path.Combine("/tmp", "caabot-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Root);
        if (IsRoot)
        {
            await RunAsync("chown", ["postgres:postgres", Root]);
        }

        await RunPostgresToolAsync("initdb", ["-D", DataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]);

        // A free port can be taken by someone else between asking and binding: try a few.
        for (var attempt = 1; ; attempt++)
        {
            Port = NextFreePort();
            try
            {
                await StartAsync();
                break;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
            }
        }

        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {TestDatabase};", connection);
        await create.ExecuteNonQueryAsync();
    }

    /// <summary>Starts the (stopped) server again on the same port and data folder.</summary>
    public async Task StartAsync()
    {
        var options = string.Create(
            CultureInfo.InvariantCulture,
            $"-p {Port} -k {Root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300");
        await RunPostgresToolAsync("pg_ctl", ["-D", DataDirectory, "-l", Path.Combine(Root, "server.log"), "-w", "-t", "60", "-o", options, "start"]);
        IsRunning = true;
    }

    /// <summary>Stops the server (<c>pg_ctl -m fast stop</c>: open sessions are disconnected).</summary>
    public async Task StopAsync()
    {
        await RunPostgresToolAsync("pg_ctl", ["-D", DataDirectory, "-m", "fast", "-w", "-t", "60", "stop"]);
        IsRunning = false;
    }

    /// <summary>Runs one statement as the superuser on <see cref="TestDatabase"/>.</summary>
    public async Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    public async Task DisposeAsync()
    {
        if (_root is null)
        {
            return;
        }

        try
        {
            if (IsRunning)
            {
                await StopAsync();
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            Directory.Delete(Root, recursive: true);
        }
    }

    private static bool IsRoot => string.Equals(Environment.UserName, "root", StringComparison.Ordinal);

    private static int NextFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Task RunPostgresToolAsync(string tool, IReadOnlyList<string> arguments) =>
        IsRoot
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(BinDirectory, tool), .. arguments])
            : RunAsync(Path.Combine(BinDirectory, tool), arguments);

    private static async Task RunAsync(string fileName, IReadOnlyList<string> arguments)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = "/tmp",
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"{fileName} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} did not finish within {CommandTimeout}.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{fileName} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}:\n{await output}\n{await error}");
        }
    }
}
