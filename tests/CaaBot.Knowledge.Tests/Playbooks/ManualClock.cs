namespace CaaBot.Knowledge.Tests.Playbooks;

/// <summary>A clock the test moves by hand (timers stay real; the catalog only reads the time for retention).</summary>
internal sealed class ManualClock : TimeProvider
{
    public DateTimeOffset Now { get; set; } = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => Now;
}
