using System.Globalization;

namespace CaaBot.LoadDriver.Http;

/// <summary>The HTTP benchmark's knobs, from the command line after <c>http</c> (<c>--name value</c>).</summary>
internal sealed record HttpSettings
{
    public IReadOnlyList<int> Concurrency { get; init; } = [1, 8, 64];

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The most warm-up a target gets while its CPU per turn still falls (see HttpBenchmark.SettleAsync).</summary>
    public TimeSpan MaxWarmup { get; init; } = TimeSpan.FromSeconds(120);

    public int MemoryConversations { get; init; } = 10_000;

    /// <summary>Turns each memory conversation runs: 3 leaves it active, at the step 1 card.</summary>
    public int MemoryTurns { get; init; } = 3;

    public int StartupRuns { get; init; } = 3;

    /// <summary>CPUs the targets are pinned to (taskset list); empty for no pinning. The driver is pinned by the script.</summary>
    public string ServerCpus { get; init; } = "0";

    /// <summary>Targets to measure, of: bare, peer, caabot, caabot-inmemory (the host on its in-memory store), memory, startup.</summary>
    public IReadOnlySet<string> Parts { get; init; } = new HashSet<string>(["bare", "peer", "caabot", "caabot-inmemory", "memory", "startup"], StringComparer.Ordinal);

    /// <summary>Extra environment for the CaaBot host only (<c>--host-env A=1,B=2</c>), e.g. another storage backend's settings.</summary>
    public IReadOnlyDictionary<string, string> HostEnvironment { get; init; } = new Dictionary<string, string>();

    /// <summary>A PostgreSQL connection string (<c>--postgres</c>): the host runs on PostgreSQL instead of SQLite.</summary>
    public string? Postgres { get; init; }

    public required string HostDll { get; init; }

    public required string PeerScript { get; init; }

    public required string Output { get; init; }

    public string StorageName => Postgres is null ? "SQLite" : "PostgreSQL";

    public static HttpSettings Parse(IReadOnlyList<string> args, string defaultHostDll, string defaultPeerScript, string defaultOutput)
    {
        ArgumentNullException.ThrowIfNull(args);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var index = 0; index + 1 < args.Count; index += 2)
        {
            values[args[index].TrimStart('-')] = args[index + 1];
        }

        int Int(string name, int fallback) => values.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
        TimeSpan Seconds(string name, TimeSpan fallback) => values.TryGetValue(name, out var value) ? TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture)) : fallback;

        var defaults = new HttpSettings { HostDll = defaultHostDll, PeerScript = defaultPeerScript, Output = defaultOutput };
        return defaults with
        {
            Concurrency = values.TryGetValue("concurrency", out var levels)
                ? [.. levels.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(level => int.Parse(level, CultureInfo.InvariantCulture))]
                : defaults.Concurrency,
            Duration = Seconds("seconds", defaults.Duration),
            Warmup = Seconds("warmup-seconds", defaults.Warmup),
            MaxWarmup = Seconds("max-warmup-seconds", defaults.MaxWarmup),
            MemoryConversations = Int("memory-conversations", defaults.MemoryConversations),
            MemoryTurns = Int("memory-turns", defaults.MemoryTurns),
            StartupRuns = Int("startup-runs", defaults.StartupRuns),
            ServerCpus = values.GetValueOrDefault("server-cpus", defaults.ServerCpus),
            Parts = values.TryGetValue("parts", out var parts) ? new HashSet<string>(parts.Split(',', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal) : defaults.Parts,
            HostEnvironment = values.TryGetValue("host-env", out var pairs)
                ? pairs.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(pair => pair.Split('=', 2)).ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal)
                : defaults.HostEnvironment,
            Postgres = values.GetValueOrDefault("postgres"),
            // Absolute: each target is started in its own program's folder.
            HostDll = Path.GetFullPath(values.GetValueOrDefault("host", defaultHostDll)),
            PeerScript = Path.GetFullPath(values.GetValueOrDefault("peer-script", defaultPeerScript)),
            Output = Path.GetFullPath(values.GetValueOrDefault("out", defaultOutput)),
        };
    }
}
