namespace CaaBot.Helpdesk.Tests.Support;

/// <summary>A clock that starts at a fixed instant and moves one second forward every time it is read.</summary>
public sealed class SteppingClock : TimeProvider
{
    private long _reads;

    public static DateTimeOffset Start { get; } = new(2026, 3, 2, 8, 30, 0, TimeSpan.Zero);

    /// <summary>What the clock will answer next.</summary>
    public DateTimeOffset Next => Start.AddSeconds(Interlocked.Read(ref _reads));

    public override DateTimeOffset GetUtcNow() => Start.AddSeconds(Interlocked.Increment(ref _reads) - 1);
}
