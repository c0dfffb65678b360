namespace CaaBot.Conversations.Scheduling;

/// <summary>Tuning for <see cref="TurnScheduler"/>; the defaults suit production.</summary>
public sealed record TurnSchedulerOptions
{
    /// <summary>How often the worker looks for due turns when nothing wakes it earlier (appends do).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an instance may run a turn before another may assume it died and take over.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Attempts before a turn that keeps failing is marked <see cref="ScheduledTurnState.Failed"/>.</summary>
    public int MaxAttempts { get; init; } = 8;

    /// <summary>Wait after the first failure; doubles with each further one up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromHours(1);

    public void Validate()
    {
        if (PollInterval <= TimeSpan.Zero || Lease <= TimeSpan.Zero || FirstRetryDelay <= TimeSpan.Zero || MaxRetryDelay < FirstRetryDelay)
        {
            throw new ArgumentException("Scheduler intervals must be positive, and the longest retry delay at least the first.");
        }

        if (MaxAttempts < 1)
        {
            throw new ArgumentException("A scheduled turn needs at least one attempt.");
        }
    }
}
