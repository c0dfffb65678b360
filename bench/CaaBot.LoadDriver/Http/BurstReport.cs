using CaaBot.LoadDriver.Reporting;

namespace CaaBot.LoadDriver.Http;

/// <summary>What <c>CaaBot.LoadDriver burst</c> writes (bench/results/burst.json; bench/summary.js reads it).</summary>
internal sealed record BurstReport
{
    public required DateTimeOffset StartedAt { get; init; }

    public required int Cores { get; init; }

    public required string LoadAtStart { get; init; }

    public required string LoadAtEnd { get; init; }

    public required string Storage { get; init; }

    public required int Users { get; init; }

    public required int Concurrency { get; init; }

    public required int Threshold { get; init; }

    /// <summary>Wall-clock seconds from the first person's first turn to the last person's answer.</summary>
    public required double Seconds { get; init; }

    public required int Turns { get; init; }

    public double TurnsPerSecond => Seconds > 0 ? Turns / Seconds : 0;

    /// <summary>Every turn of the burst.</summary>
    public required Percentiles LatencyMs { get; init; }

    /// <summary>Only the "Send to helpdesk" turn: where incident detection and filing happen.</summary>
    public required Percentiles EscalationLatencyMs { get; init; }

    public required double TargetCpuSeconds { get; init; }

    public required int OwnTickets { get; init; }

    public required int Joined { get; init; }

    public required int Errors { get; init; }

    public required IReadOnlyList<string> ErrorSamples { get; init; }
}
