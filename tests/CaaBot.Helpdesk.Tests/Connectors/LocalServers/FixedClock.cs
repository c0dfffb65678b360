namespace CaaBot.Helpdesk.Tests.Connectors.LocalServers;

/// <summary>A clock that says what it is told; timers still run on real time (timeouts in these tests are real).</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
