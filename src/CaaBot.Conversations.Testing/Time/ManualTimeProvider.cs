namespace CaaBot.Conversations.Testing.Time;

/// <summary>
/// A clock that only moves when the test says so. Timers created from it (including <c>Task.Delay(…, provider)</c>
/// and <c>CancellationTokenSource(…, provider)</c>) fire, in due order, while <see cref="Advance"/> moves time past
/// them. Nothing ever waits in real time.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private readonly DateTimeOffset _start;
    private DateTimeOffset _now;

    /// <summary>Starts on a fixed Monday morning (UTC), so test output does not depend on when it runs.</summary>
    public ManualTimeProvider()
        : this(new DateTimeOffset(2025, 1, 6, 9, 0, 0, TimeSpan.Zero))
    {
    }

    public ManualTimeProvider(DateTimeOffset start) => _start = _now = start;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <summary>Timers that are scheduled and not yet fired, disposed or stopped.</summary>
    public int ActiveTimerCount
    {
        get
        {
            lock (_gate)
            {
                return _timers.Count(timer => timer.DueAt is not null);
            }
        }
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override long GetTimestamp()
    {
        lock (_gate)
        {
            return (_now - _start).Ticks;
        }
    }

    /// <summary>Moves time forward by <paramref name="delta"/>, firing every timer that falls due on the way, at its due time.</summary>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        DateTimeOffset target;
        lock (_gate)
        {
            target = _now + delta;
        }

        while (true)
        {
            ManualTimer? due;
            lock (_gate)
            {
                due = _timers.Where(timer => timer.DueAt <= target).MinBy(timer => timer.DueAt);
                if (due is null)
                {
                    _now = target;
                    return;
                }

                if (due.DueAt > _now)
                {
                    _now = due.DueAt!.Value;
                }

                due.DueAt = due.Period > TimeSpan.Zero ? _now + due.Period : null;
            }

            // Outside the lock: a callback may read the clock or create timers.
            due.Fire();
        }
    }

    /// <summary>Jumps to <paramref name="utcNow"/> (never backwards), firing timers on the way.</summary>
    public void SetUtcNow(DateTimeOffset utcNow)
    {
        var delta = utcNow - GetUtcNow();
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero, nameof(utcNow));
        Advance(delta);
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new ManualTimer(this, callback, state);
        lock (_gate)
        {
            _timers.Add(timer);
        }

        timer.Change(dueTime, period);
        return timer;
    }

    private void Schedule(ManualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        lock (_gate)
        {
            timer.Period = period == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : period;
            timer.DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : _now + dueTime;
        }
    }

    private void Remove(ManualTimer timer)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
        }
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        private bool _disposed;

        public DateTimeOffset? DueAt { get; set; }

        public TimeSpan Period { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (_disposed)
            {
                return false;
            }

            ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, Timeout.InfiniteTimeSpan);
            ArgumentOutOfRangeException.ThrowIfLessThan(period, Timeout.InfiniteTimeSpan);
            owner.Schedule(this, dueTime, period);
            return true;
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            _disposed = true;
            owner.Remove(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
