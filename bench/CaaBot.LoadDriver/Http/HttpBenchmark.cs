using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using CaaBot.LoadDriver.Hosting;
using CaaBot.LoadDriver.Reporting;
using Microsoft.Data.Sqlite;

namespace CaaBot.LoadDriver.Http;

/// <summary>
/// <c>CaaBot.LoadDriver http</c>: POST /api/messages with expectReplies against three targets, each its own process on
/// 127.0.0.1 pinned to <see cref="HttpSettings.ServerCpus"/>: the bare endpoint (this program, <c>bare-http</c>), the
/// botbuilder-js peer (<c>node bench/js-peer/server.js</c>) and the real CaaBot.Web host (Development, anonymous, SQLite in a
/// fresh temp directory, or PostgreSQL). Then CaaBot's memory with many active conversations and its time to first answer.
/// Writes everything as JSON.
/// </summary>
internal sealed class HttpBenchmark(HttpSettings settings, string logs, TextWriter progress)
{
    internal const string InMemoryTargetName = "CaaBot (in-memory store)";

    private const double SettledWithin = 0.02;

    private static readonly TimeSpan SettleWindow = TimeSpan.FromSeconds(5);

    private static readonly JsonSerializerOptions ReportJson = new() { WriteIndented = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var loadAtStart = ReportWriter.LoadAverage();
        var startedAt = TimeProvider.System.GetUtcNow();
        var clock = Stopwatch.StartNew();
        var levels = new List<HttpLevelResult>();
        if (settings.Parts.Contains("bare"))
        {
            levels.AddRange(await MeasureAsync("bare endpoint", Bare(), HttpJourney.Bare, "readyz", new Dictionary<string, string>(), cancellationToken));
        }

        if (settings.Parts.Contains("peer"))
        {
            levels.AddRange(await MeasureAsync("botbuilder-js peer", Peer(), HttpJourney.Waterfall, "healthz", new Dictionary<string, string> { ["NODE_ENV"] = "production" }, cancellationToken));
        }

        if (settings.Parts.Contains("caabot"))
        {
            using var data = new TempDirectory();
            levels.AddRange(await MeasureAsync($"CaaBot ({settings.StorageName})", Host(), HttpJourney.Troubleshooting, "readyz", HostEnvironment(data.Path), cancellationToken));
        }

        if (settings.Parts.Contains("caabot-inmemory"))
        {
            // The same host and journey on process memory instead of a database: the peer keeps its state in
            // botbuilder's MemoryStorage, so this is the like-for-like row, and the gap to the row above is what
            // durable storage costs per turn.
            using var data = new TempDirectory();
            var environment = HostEnvironment(data.Path);
            environment["CaaBot__Storage"] = "InMemory";
            levels.AddRange(await MeasureAsync(InMemoryTargetName, Host(), HttpJourney.Troubleshooting, "readyz", environment, cancellationToken));
        }

        var memory = settings.Parts.Contains("memory") ? await MeasureMemoryAsync(cancellationToken) : null;
        var startup = settings.Parts.Contains("startup") ? await MeasureStartupAsync(cancellationToken) : null;

        var report = new HttpReport
        {
            StartedAt = startedAt,
            Cpu = Cpu(),
            Cores = MachineCores(),
            Dotnet = Environment.Version.ToString(),
            LoadAtStart = loadAtStart,
            LoadAtEnd = ReportWriter.LoadAverage(),
            ServerCpus = settings.ServerCpus,
            DriverCpus = DriverCpus(),
            Storage = settings.StorageName,
            DurationSeconds = settings.Duration.TotalSeconds,
            WarmupSeconds = settings.Warmup.TotalSeconds,
            Levels = levels,
            Memory = memory,
            Startup = startup,
        };
        await File.WriteAllTextAsync(settings.Output, JsonSerializer.Serialize(report, ReportJson), cancellationToken);
        progress.WriteLine($"wrote {settings.Output} ({clock.Elapsed.TotalSeconds:F0} s)");
        return levels.Any(level => level.Errors > 0 || level.Turns == 0) || memory?.Errors > 0 ? 2 : 0;
    }

    private TargetCommand Bare() => new("dotnet", [typeof(BareHttpPeer).Assembly.Location, "bare-http"], "readyz", settings.ServerCpus);

    private TargetCommand Peer() => new("node", [settings.PeerScript], "healthz", settings.ServerCpus);

    internal TargetCommand Host() => new("dotnet", [settings.HostDll], "readyz", settings.ServerCpus);

    private async Task<List<HttpLevelResult>> MeasureAsync(
        string name, TargetCommand command, HttpJourney journey, string readyPath, Dictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var port = TargetProcess.FreeLoopbackPort();
        var url = Url(port);
        environment["ASPNETCORE_URLS"] = url;
        // The bare endpoint takes its URL as an argument, node its port.
        command = command with
        {
            Arguments = command.Arguments is [var dll, "bare-http"] ? [dll, "bare-http", url]
                : command.Executable == "node" ? [.. command.Arguments, port.ToString(CultureInfo.InvariantCulture)]
                : command.Arguments,
            ReadyPath = readyPath,
        };
        progress.WriteLine($"== {name} (port {port}, CPUs {Cpus(settings.ServerCpus)})");
        await using var target = await TargetProcess.StartAsync(command, port, environment, Path.Combine(logs, $"http-{Slug(name)}.log"), cancellationToken);
        progress.WriteLine($"  pid {target.ProcessId}");
        using var http = Client(settings.Concurrency.Max());
        var run = new HttpLoadRun(target, journey, "api/messages", http);

        var warm = await run.RunAsync(name, 8, settings.Warmup, cancellationToken);
        progress.WriteLine($"  warm-up: {warm.Turns} turns at concurrency 8 in {warm.Seconds:F0} s ({warm.Errors} errors){Samples(warm)}");
        await SettleAsync(name, run, warm, cancellationToken);
        var results = new List<HttpLevelResult>();
        foreach (var concurrency in settings.Concurrency)
        {
            var level = await run.RunAsync(name, concurrency, settings.Duration, cancellationToken);
            progress.WriteLine($"  concurrency {concurrency,3}: {level.TurnsPerSecond,8:F0} turns/s, p50 {level.LatencyMs.P50:F2} ms, p99 {level.LatencyMs.P99:F2} ms, "
                + $"target CPU {level.TargetCpuMsPerTurn:F3} ms/turn, {level.Errors} errors{Samples(level)}");
            results.Add(level);
        }

        return results;
    }

    /// <summary>
    /// Keeps warming up in short windows while the target's CPU per turn still falls: tiered JIT on a shared core goes on
    /// promoting the hot path to optimized code for well over the fixed warm-up (1.0 → 0.53 ms per turn between 30 s and
    /// 65 s in one run), and whatever level runs first would otherwise pay for it. Stops after two windows in a row that
    /// are no more than <see cref="SettledWithin"/> better than the best so far, or at <see cref="HttpSettings.MaxWarmup"/>.
    /// </summary>
    private async Task SettleAsync(string name, HttpLoadRun run, HttpLevelResult warm, CancellationToken cancellationToken)
    {
        var total = TimeSpan.FromSeconds(warm.Seconds);
        var best = warm.TargetCpuMsPerTurn;
        var flat = 0;
        while (total < settings.MaxWarmup && flat < 2)
        {
            var window = await run.RunAsync(name, 8, SettleWindow, cancellationToken);
            total += TimeSpan.FromSeconds(window.Seconds);
            var current = window.TargetCpuMsPerTurn;
            progress.WriteLine($"  settling: {window.TurnsPerSecond:F0} turns/s, target CPU {current:F3} ms/turn after {total.TotalSeconds:F0} s");
            if (current < best * (1 - SettledWithin))
            {
                flat = 0;
            }
            else
            {
                flat++;
            }

            best = Math.Min(best, current);
        }
    }

    private async Task<MemoryResult> MeasureMemoryAsync(CancellationToken cancellationToken)
    {
        using var data = new TempDirectory();
        var port = TargetProcess.FreeLoopbackPort();
        progress.WriteLine($"== CaaBot memory: {settings.MemoryConversations} conversations × {settings.MemoryTurns} turns (port {port}, data {data.Path})");
        await using var target = await TargetProcess.StartAsync(Host(), port, HostEnvironment(data.Path, port), Path.Combine(logs, "http-caabot-memory.log"), cancellationToken);
        using var http = Client(64);
        var run = new HttpLoadRun(target, HttpJourney.Troubleshooting, "api/messages", http);

        // One conversation first, so the schema, the playbook catalog and the pools exist before the baseline.
        await run.FillAsync(1, settings.MemoryTurns, 1, cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        var rssBefore = target.ReadResidentBytes();
        var persistedBefore = await PersistedBytesAsync(data.Path, cancellationToken);

        var clock = Stopwatch.StartNew();
        var errors = await run.FillAsync(settings.MemoryConversations, settings.MemoryTurns, 64, cancellationToken);
        progress.WriteLine($"  {settings.MemoryConversations} conversations in {clock.Elapsed.TotalSeconds:F1} s, {errors} errors");
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
        var rssAfter = target.ReadResidentBytes();
        var persistedAfter = await PersistedBytesAsync(data.Path, cancellationToken);
        var result = new MemoryResult
        {
            Conversations = settings.MemoryConversations,
            TurnsEach = settings.MemoryTurns,
            Errors = errors,
            RssBeforeBytes = rssBefore,
            RssAfterBytes = rssAfter,
            PersistedBeforeBytes = persistedBefore,
            PersistedAfterBytes = persistedAfter,
            Tables = settings.Postgres is null ? await TableSizesAsync(data.Path, cancellationToken) : [],
        };
        progress.WriteLine($"  RSS {rssBefore / 1048576.0:F1} → {rssAfter / 1048576.0:F1} MB ({result.RssBytesPerConversation / 1024:F1} KB per conversation); "
            + $"persisted {persistedBefore} → {persistedAfter} bytes ({result.PersistedBytesPerConversation / 1024:F2} KB per conversation)");
        return result;
    }

    private async Task<StartupResult> MeasureStartupAsync(CancellationToken cancellationToken)
    {
        var firstAnswer = new List<double>();
        var ready = new List<double>();
        for (var run = 0; run < settings.StartupRuns; run++)
        {
            using var data = new TempDirectory();
            var port = TargetProcess.FreeLoopbackPort();
            var target = TargetProcess.Launch(Host(), port, HostEnvironment(data.Path, port), Path.Combine(logs, $"http-caabot-startup-{run}.log"));
            await using (target)
            {
                using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
                var uri = new Uri(target.BaseUri, "api/messages");
                var first = HttpJourney.Troubleshooting.Turns[0];
                var deadline = Stopwatch.GetTimestamp() + (Stopwatch.Frequency * 60);
                double? answeredMs = null;
                for (var attempt = 0; Stopwatch.GetTimestamp() < deadline && !target.HasExited; attempt++)
                {
                    try
                    {
                        await new ExpectRepliesConversation(http, uri, $"startup-{run}-{attempt}", $"startup-user-{run}-{attempt}").SendAsync(first, [], cancellationToken);
                        answeredMs = Stopwatch.GetElapsedTime(target.StartedAt).TotalMilliseconds;
                        break;
                    }
                    catch (Exception exception) when (exception is HttpRequestException or JourneyCheckException
                        || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
                    {
                        await Task.Delay(10, cancellationToken);
                    }
                }

                var readyMs = await TimeUntilReadyAsync(target, cancellationToken);
                if (answeredMs is { } ms)
                {
                    firstAnswer.Add(ms);
                    ready.Add(readyMs);
                }

                progress.WriteLine($"== CaaBot start → first answered turn, run {run + 1}: {(answeredMs is { } shown ? $"{shown:F0} ms" : "no answer")}");
            }
        }

        return new StartupResult(firstAnswer, ready);
    }

    /// <summary>How long after the start /readyz answered; read after the first answer, so it is at most that.</summary>
    private static async Task<double> TimeUntilReadyAsync(TargetProcess target, CancellationToken cancellationToken)
    {
        await target.WaitUntilReadyAsync("readyz", cancellationToken);
        return Stopwatch.GetElapsedTime(target.StartedAt).TotalMilliseconds;
    }

    internal Dictionary<string, string> HostEnvironment(string dataDirectory, int? port = null)
    {
        // Local anonymous development mode, as `dotnet run --project src/CaaBot.Web` runs; the settings reach only this process.
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["CaaBot__DataDirectory"] = dataDirectory,
            ["CaaBot__Storage"] = "Sqlite",
        };
        if (port is { } p)
        {
            environment["ASPNETCORE_URLS"] = Url(p);
        }

        if (settings.Postgres is { } connectionString)
        {
            // The host's PostgreSQL settings (PostgresStorageOptions, section CaaBot:Postgres).
            environment["CaaBot__Storage"] = "Postgres";
            environment["CaaBot__Postgres__ConnectionString"] = connectionString;
        }

        foreach (var (name, value) in settings.HostEnvironment)
        {
            environment[name] = value;
        }

        return environment;
    }

    /// <summary>The data directory's size after a WAL checkpoint (TRUNCATE, from a second connection); null on PostgreSQL.</summary>
    private async Task<long?> PersistedBytesAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        if (settings.Postgres is not null)
        {
            return null;
        }

        foreach (var file in Directory.EnumerateFiles(dataDirectory, "*.db"))
        {
            await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
            await connection.OpenAsync(cancellationToken);
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA busy_timeout = 5000; PRAGMA wal_checkpoint(TRUNCATE);";
            await checkpoint.ExecuteNonQueryAsync(cancellationToken);
        }

        return Directory.EnumerateFiles(dataDirectory, "*", SearchOption.AllDirectories).Sum(file => new FileInfo(file).Length);
    }

    private static async Task<IReadOnlyList<TableSize>> TableSizesAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        var sizes = new List<TableSize>();
        try
        {
            foreach (var file in Directory.EnumerateFiles(dataDirectory, "*.db"))
            {
                await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString());
                await connection.OpenAsync(cancellationToken);
                await using var query = connection.CreateCommand();
                query.CommandText = "SELECT name, SUM(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC;";
                await using var reader = await query.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    sizes.Add(new TableSize(reader.GetString(0), reader.GetInt64(1)));
                }
            }
        }
        catch (SqliteException)
        {
            // dbstat is a compile-time option of SQLite; without it there is no breakdown.
        }

        return sizes;
    }

    internal static HttpClient Client(int connections) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = Math.Max(connections, 1),
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        UseProxy = false,
    })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    internal static string Url(int port) => $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";

    private static string Slug(string name) => new([.. name.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit)]);

    private static string Samples(HttpLevelResult level) => level.ErrorSamples.Count > 0 ? " — " + string.Join("; ", level.ErrorSamples.Distinct()) : string.Empty;

    private static string Cpus(string cpus) => cpus.Length > 0 ? cpus : "any";

    /// <summary>The machine's cores (Environment.ProcessorCount counts only the CPUs this pinned driver may use).</summary>
    internal static int MachineCores() =>
        File.Exists("/proc/cpuinfo") ? Math.Max(1, File.ReadLines("/proc/cpuinfo").Count(l => l.StartsWith("processor", StringComparison.Ordinal))) : Environment.ProcessorCount;

    private static string DriverCpus()
    {
        var line = File.Exists("/proc/self/status") ? File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal)) : null;
        return line is null ? "any" : line["Cpus_allowed_list:".Length..].Trim();
    }

    private static string Cpu()
    {
        const string prefix = "model name";
        var line = File.Exists("/proc/cpuinfo") ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(candidate => candidate.StartsWith(prefix, StringComparison.Ordinal)) : null;
        return line is null ? "unknown CPU" : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }
}
