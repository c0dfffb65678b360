namespace CaaBot.LoadDriver.Reporting;

/// <summary>What one target did with <see cref="Connections"/> concurrent WebSocket conversations.</summary>
internal sealed record LoadResult
{
    public required string Target { get; init; }

    public required int Connections { get; init; }

    /// <summary>Conversations that connected, received their welcome and stayed open.</summary>
    public required int Connected { get; init; }

    public required Percentiles ConnectMs { get; init; }

    public required double RampSeconds { get; init; }

    public required Percentiles RoundTripMs { get; init; }

    /// <summary>Round trips per turn of the journey, in journey order.</summary>
    public required IReadOnlyList<(string Turn, Percentiles RoundTripMs)> ByTurn { get; init; }

    public required int TurnsCompleted { get; init; }

    public required double JourneySeconds { get; init; }

    public double TurnsPerSecond => JourneySeconds > 0 ? TurnsCompleted / JourneySeconds : 0;

    public required int ConnectErrors { get; init; }

    public required int TurnErrors { get; init; }

    public required int Timeouts { get; init; }

    /// <summary>Activities that reached a socket of another conversation: must be 0.</summary>
    public required int ForeignActivities { get; init; }

    public required long RssBeforeBytes { get; init; }

    public required long RssConnectedBytes { get; init; }

    public required long RssAfterJourneyBytes { get; init; }

    /// <summary>CPU time the target used during the journey phase (user + system, all cores).</summary>
    public required double JourneyCpuSeconds { get; init; }

    public double CpuMsPerTurn => TurnsCompleted > 0 ? JourneyCpuSeconds * 1000 / TurnsCompleted : double.NaN;

    public required int ThreadsBeforeJourney { get; init; }

    public required int ThreadsPeakInJourney { get; init; }

    public double BytesPerConnection => Connected > 0 ? (double)(RssConnectedBytes - RssBeforeBytes) / Connected : double.NaN;

    public IReadOnlyList<string> ErrorSamples { get; init; } = [];
}
