using System.Collections.Concurrent;

namespace CaaBot.Protocol.Tests.Infrastructure;

/// <summary>
/// A clock that only moves when told to. <see cref="Advance"/> moves it and fires the timers that fall due.
/// Timers due sooner than <see cref="AutoAdvanceBelow"/> are fired at once by moving the clock to them
/// (recorded in <see cref="AutoAdvancedWaits"/>): with timeouts configured above that threshold, this
/// lets retry backoffs elapse instantly while timeouts only fire when a test advances the clock.
/// </summary>
internal sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now = start;

    public ManualTimeProvider()
        : this(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero))
    {
    }

    public TimeSpan AutoAdvanceBelow { get; init; } = TimeSpan.Zero;

    public ConcurrentQueue<TimeSpan> AutoAdvancedWaits { get; } = new();

    public DateTimeOffset Start { get; } = start;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    public void Advance(TimeSpan by) => AdvanceTo(GetUtcNow() + by);

    private void AdvanceTo(DateTimeOffset target)
    {
        while (true)
        {
            ManualTimer? next;
            lock (_gate)
            {
                next = _timers.Where(t => t.DueAt <= target).MinBy(t => t.DueAt);
                if (next is null)
                {
                    if (target > _now)
                    {
                        _now = target;
                    }

                    return;
                }

                if (next.DueAt > _now)
                {
                    _now = next.DueAt;
                }

                next.Reschedule(_now);
                if (next.DueAt == DateTimeOffset.MaxValue)
                {
                    _timers.Remove(next);
                }
            }

            next.Fire();
        }
    }

    private void Schedule(ManualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        DateTimeOffset? autoAdvanceTo = null;
        lock (_gate)
        {
            _timers.Remove(timer);
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                return;
            }

            timer.DueAt = _now + dueTime;
            timer.Period = period;
            _timers.Add(timer);
            if (dueTime < AutoAdvanceBelow)
            {
                AutoAdvancedWaits.Enqueue(dueTime);
                autoAdvanceTo = timer.DueAt;
            }
        }

        if (autoAdvanceTo is { } target)
        {
            // Not inline: the caller (Task.Delay) has not finished building its timer yet.
            ThreadPool.QueueUserWorkItem(_ => AdvanceTo(target));
        }
    }

    private void Unschedule(ManualTimer timer)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
        }
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset DueAt { get; set; }

        public TimeSpan Period { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            owner.Schedule(this, dueTime, period);
            return true;
        }

        public void Reschedule(DateTimeOffset now) =>
            DueAt = Period == Timeout.InfiniteTimeSpan || Period <= TimeSpan.Zero ? DateTimeOffset.MaxValue : now + Period;

        public void Fire() => callback(state);

        public void Dispose() => owner.Unschedule(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
