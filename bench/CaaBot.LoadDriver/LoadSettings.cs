using System.Globalization;

namespace CaaBot.LoadDriver;

/// <summary>The driver's knobs, from the command line (<c>--name value</c>).</summary>
internal sealed record LoadSettings
{
    /// <summary>Connection counts to measure, each against a fresh CaaBot and a fresh peer.</summary>
    public IReadOnlyList<int> Counts { get; init; } = [100, 1000];

    public int ConnectConcurrency { get; init; } = 32;

    public int JourneyConcurrency { get; init; } = 32;

    public int WarmupConversations { get; init; } = 300;

    public int HttpConnections { get; init; } = 64;

    public TimeSpan TurnTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan SettleTime { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Extra environment for the CaaBot host only (<c>--host-env A=1,B=2</c>), e.g. <c>DOTNET_PerfMapEnabled=1</c> for perf.</summary>
    public IReadOnlyDictionary<string, string> HostEnvironment { get; init; } = new Dictionary<string, string>();

    public required string HostDll { get; init; }

    public required string Output { get; init; }

    public static LoadSettings Parse(IReadOnlyList<string> args, string defaultHostDll, string defaultOutput)
    {
        ArgumentNullException.ThrowIfNull(args);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var index = 0; index + 1 < args.Count; index += 2)
        {
            values[args[index].TrimStart('-')] = args[index + 1];
        }

        int Int(string name, int fallback) => values.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

        var defaults = new LoadSettings { HostDll = defaultHostDll, Output = defaultOutput };
        return defaults with
        {
            Counts = values.TryGetValue("counts", out var counts)
                ? [.. counts.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(count => int.Parse(count, CultureInfo.InvariantCulture))]
                : defaults.Counts,
            ConnectConcurrency = Int("connect-concurrency", defaults.ConnectConcurrency),
            JourneyConcurrency = Int("journey-concurrency", defaults.JourneyConcurrency),
            WarmupConversations = Int("warmup", defaults.WarmupConversations),
            HttpConnections = Int("http-connections", defaults.HttpConnections),
            TurnTimeout = TimeSpan.FromSeconds(Int("timeout-seconds", (int)defaults.TurnTimeout.TotalSeconds)),
            SettleTime = TimeSpan.FromSeconds(Int("settle-seconds", (int)defaults.SettleTime.TotalSeconds)),
            HostEnvironment = values.TryGetValue("host-env", out var pairs)
                ? pairs.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(pair => pair.Split('=', 2)).ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal)
                : defaults.HostEnvironment,
            HostDll = values.GetValueOrDefault("host", defaultHostDll),
            Output = values.GetValueOrDefault("out", defaultOutput),
        };
    }
}
