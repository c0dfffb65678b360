using System.ComponentModel.DataAnnotations;

namespace CaaBot.Helpdesk.Outbox;

/// <summary>Timing of the helpdesk outbox, bound from <c>CaaBot:Helpdesk:Outbox</c>.</summary>
public sealed class OutboxOptions
{
    public const string SectionName = "CaaBot:Helpdesk:Outbox";

    /// <summary>How long the turn that files a ticket waits for the external systems before telling the user it is queued.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan InlineDeliveryTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>The longest one attempt (find + create) may take; it is then abandoned and counted as failed.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Wait after the first failed attempt; doubled after each further one, up to <see cref="MaxRetryDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan InitialRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Attempts before a delivery is marked failed (with the defaults, about 4 hours of trying).</summary>
    [Range(1, 1000)]
    public int MaxAttempts { get; set; } = 24;

    /// <summary>How long an instance owns an attempt; longer than <see cref="AttemptTimeout"/>, so a live attempt is never taken over.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often the delivery worker looks for due entries (a new entry wakes it at once).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan WorkerInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the status of each open external ticket is read.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan StatusPollInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long after delivery a ticket's status is still read (a resolved ticket may be reopened, but not forever).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00")]
    public TimeSpan StatusPollMaxAge { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long the <c>status</c> command waits for the external system before answering from the built-in ticket.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan StatusReadTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>The wait before attempt <paramref name="failedAttempts"/> + 1.</summary>
    public TimeSpan RetryDelay(int failedAttempts)
    {
        var exponent = Math.Clamp(failedAttempts - 1, 0, 30);
        var ticks = InitialRetryDelay.Ticks * Math.Pow(2, exponent);
        return ticks >= MaxRetryDelay.Ticks ? MaxRetryDelay : TimeSpan.FromTicks((long)ticks);
    }
}
