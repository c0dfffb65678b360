using CaaBot.Conversations.Testing.Time;

namespace CaaBot.Conversations.Testing.Tests.Time;

public sealed class ManualTimeProviderTests
{
    [Fact]
    public void Advance_MovesTheClockAndTimestamps()
    {
        var clock = new ManualTimeProvider();
        var start = clock.GetUtcNow();
        var startTimestamp = clock.GetTimestamp();

        clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(start.AddMinutes(5), clock.GetUtcNow());
        Assert.Equal(TimeSpan.FromMinutes(5), clock.GetElapsedTime(startTimestamp));
    }

    [Fact]
    public void CreateTimer_FiresOnlyOnceTimeIsAdvancedPastItsDueTime()
    {
        var clock = new ManualTimeProvider();
        var fired = new List<DateTimeOffset>();
        using var timer = clock.CreateTimer(_ => fired.Add(clock.GetUtcNow()), null, TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromSeconds(9));
        Assert.Empty(fired);

        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal([clock.GetUtcNow().AddSeconds(-4)], fired);

        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Single(fired);
    }

    [Fact]
    public void CreateTimer_Periodic_FiresAtEachPeriodWithinOneAdvance()
    {
        var clock = new ManualTimeProvider();
        var fired = 0;
        using var timer = clock.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3));

        clock.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(3, fired);
    }

    [Fact]
    public void CreateTimer_TimersFireInDueOrder()
    {
        var clock = new ManualTimeProvider();
        var order = new List<string>();
        using var late = clock.CreateTimer(_ => order.Add("late"), null, TimeSpan.FromSeconds(20), Timeout.InfiniteTimeSpan);
        using var early = clock.CreateTimer(_ => order.Add("early"), null, TimeSpan.FromSeconds(5), Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(["early", "late"], order);
    }

    [Fact]
    public void Change_AndDispose_StopTheTimer()
    {
        var clock = new ManualTimeProvider();
        var fired = 0;
        var changed = clock.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        var disposed = clock.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);

        changed.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        disposed.Dispose();
        clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(0, fired);
        Assert.Equal(0, clock.ActiveTimerCount);
        changed.Dispose();
    }

    [Fact]
    public async Task TaskDelay_WithTheManualClock_CompletesWhenAdvancedWithoutRealWaiting()
    {
        var clock = new ManualTimeProvider();
        var delay = Task.Delay(TimeSpan.FromHours(1), clock);

        Assert.False(delay.IsCompleted);
        clock.Advance(TimeSpan.FromHours(1));

        await delay.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void CancellationTokenSource_WithTheManualClock_CancelsWhenAdvanced()
    {
        var clock = new ManualTimeProvider();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30), clock);

        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.False(timeout.IsCancellationRequested);
        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.True(timeout.IsCancellationRequested);
    }

    [Fact]
    public void SetUtcNow_Backwards_Throws()
    {
        var clock = new ManualTimeProvider();
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.SetUtcNow(clock.GetUtcNow().AddSeconds(-1)));
    }
}
