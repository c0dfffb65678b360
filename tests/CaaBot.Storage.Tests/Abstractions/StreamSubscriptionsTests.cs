using CaaBot.Storage.Abstractions;

namespace CaaBot.Storage.Tests.Abstractions;

public sealed class StreamSubscriptionsTests
{
    [Fact]
    public void Notify_NoSubscribers_DoesNothing()
    {
        new StreamSubscriptions().Notify("nobody listens", 1);
    }

    [Fact]
    public void Dispose_SameDelegateSubscribedTwice_LeavesTheOtherSubscription()
    {
        var subscriptions = new StreamSubscriptions();
        var heard = new List<long>();
        Action<long> callback = heard.Add;
        using var kept = subscriptions.Subscribe("s", callback);
        var removed = subscriptions.Subscribe("s", callback);

        removed.Dispose();
        subscriptions.Notify("s", 1);

        Assert.Equal([1L], heard);
    }

    [Fact]
    public void Dispose_Twice_RemovesOnlyOnce()
    {
        var subscriptions = new StreamSubscriptions();
        var heard = new List<long>();
        using var other = subscriptions.Subscribe("s", heard.Add);
        var subscription = subscriptions.Subscribe("s", _ => { });

        subscription.Dispose();
        subscription.Dispose();
        subscriptions.Notify("s", 1);

        Assert.Equal([1L], heard);
    }

    [Fact]
    public void Notify_ThrowingCallback_StillReachesTheOthers()
    {
        var subscriptions = new StreamSubscriptions();
        var heard = new List<long>();
        using var throwing = subscriptions.Subscribe("s", _ => throw new InvalidOperationException("bug"));
        using var listening = subscriptions.Subscribe("s", heard.Add);

        subscriptions.Notify("s", 5);

        Assert.Equal([5L], heard);
    }

    [Fact]
    public async Task SubscribeAndDispose_ManyThreadsAtOnce_LeaveOnlyTheLiveSubscriptions()
    {
        var subscriptions = new StreamSubscriptions();
        var heard = 0;
        using var survivor = subscriptions.Subscribe("s", _ => Interlocked.Increment(ref heard));

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 500; i++)
            {
                subscriptions.Subscribe("s", _ => throw new InvalidOperationException("must be gone")).Dispose();
            }
        })));
        subscriptions.Notify("s", 1);

        Assert.Equal(1, heard);
    }
}
