namespace CaaBot.LoadDriver.Http;

/// <summary>Everything one <c>http</c> run measured, written as JSON for bench/summary.js.</summary>
internal sealed record HttpReport
{
    public required DateTimeOffset StartedAt { get; init; }

    public required string Cpu { get; init; }

    public required int Cores { get; init; }

    public required string Dotnet { get; init; }

    public required string LoadAtStart { get; init; }

    public required string LoadAtEnd { get; init; }

    public required string ServerCpus { get; init; }

    public required string DriverCpus { get; init; }

    public required string Storage { get; init; }

    public required double DurationSeconds { get; init; }

    public required double WarmupSeconds { get; init; }

    public required IReadOnlyList<HttpLevelResult> Levels { get; init; }

    public MemoryResult? Memory { get; init; }

    public StartupResult? Startup { get; init; }
}
