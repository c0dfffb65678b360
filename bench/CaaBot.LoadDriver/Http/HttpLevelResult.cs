using CaaBot.LoadDriver.Reporting;

namespace CaaBot.LoadDriver.Http;

/// <summary>What one target did at one concurrency: a closed loop of that many conversations in flight for a fixed time.</summary>
internal sealed record HttpLevelResult
{
    public required string Target { get; init; }

    public required int Concurrency { get; init; }

    public required int Turns { get; init; }

    public required int Journeys { get; init; }

    public required double Seconds { get; init; }

    public double TurnsPerSecond => Seconds > 0 ? Turns / Seconds : 0;

    public required Percentiles LatencyMs { get; init; }

    public required int Errors { get; init; }

    public required double TargetCpuSeconds { get; init; }

    public double TargetCpuMsPerTurn => Turns > 0 ? TargetCpuSeconds * 1000 / Turns : double.NaN;

    public IReadOnlyList<string> ErrorSamples { get; init; } = [];
}
