using System.Buffers.Binary;
using System.Globalization;
using CaaBot.Conversations.State;
using CaaBot.Conversations.Testing;
using CaaBot.Conversations.Testing.Time;
using CaaBot.Conversations.Tests.Fixtures;
using CaaBot.Conversations.Turns;
using CaaBot.Storage.Abstractions;
using CaaBot.Storage.InMemory;

namespace CaaBot.Conversations.Tests.Turns;

/// <summary>
/// <see cref="TurnProcessorOptions.CrossInstanceTurnLease"/>: turns of one conversation on two instances sharing a
/// store run one after the other, so user state (committed after the conversation) keeps every turn's change.
/// </summary>
public sealed class ConversationTurnLeaseTests
{
    private const string LeaseKey = "turn-lease/conv/test/conversation-1";

    [Fact]
    public async Task ProcessAsync_TwoInstancesWithLease_RacingTurnsKeepEveryUserStateChange()
    {
        var store = new YieldingDocumentStore(new InMemoryDocumentStore());
        var clock = new ManualTimeProvider();
        var options = new TurnProcessorOptions { CrossInstanceTurnLease = TimeSpan.FromHours(1) };
        var first = new TestAdapter(new TestAdapterOptions { Store = store, Clock = clock, ProcessorOptions = options });
        var second = new TestAdapter(new TestAdapterOptions { Store = store, Clock = clock, ProcessorOptions = options });
        var bot = new UserCounterBot();
        using var stop = new CancellationTokenSource();
        var ticking = TickAsync(clock, stop.Token);

        var turns = Enumerable.Range(0, 40).Select(i =>
        {
            var adapter = i % 2 == 0 ? first : second;
            var message = adapter.MakeMessage($"m{i}") with { Id = $"m{i}" };
            return Task.Run(() => adapter.ProcessActivityAsync(message, bot, CancellationToken.None));
        });
        await Task.WhenAll(turns);
        await stop.CancelAsync();
        await ticking;

        var counts = first.Transcript.Concat(second.Transcript)
            .Where(activity => activity.From?.Id == first.Bot.Id)
            .Select(activity => int.Parse(activity.Text!, CultureInfo.InvariantCulture));
        Assert.Equal(Enumerable.Range(1, 40), counts.Order());
        Assert.Null(await store.ReadAsync(LeaseKey, CancellationToken.None));
    }

    [Fact]
    public async Task ProcessAsync_LeaseLeftByACrashedInstance_WaitsUntilItExpiresThenRuns()
    {
        var store = new InMemoryDocumentStore();
        var clock = new ManualTimeProvider();
        var adapter = new TestAdapter(new TestAdapterOptions
        {
            Store = store,
            Clock = clock,
            ProcessorOptions = new TurnProcessorOptions { CrossInstanceTurnLease = TimeSpan.FromSeconds(30) },
        });
        var expiry = new byte[sizeof(long)];
        BinaryPrimitives.WriteInt64LittleEndian(expiry, (clock.GetUtcNow() + TimeSpan.FromSeconds(10)).ToUnixTimeMilliseconds());
        await store.WriteAsync(LeaseKey, expiry, WritePrecondition.MustNotExist, CancellationToken.None);

        var turn = adapter.ProcessActivityAsync(adapter.MakeMessage("hello"), new UserCounterBot(), CancellationToken.None);
        await WaitForTimerAsync(clock);
        Assert.False(turn.IsCompleted);
        Assert.Equal(0, adapter.UnreadReplyCount);

        clock.Advance(TimeSpan.FromSeconds(11));
        await turn.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(adapter.TryGetNextReply(out var reply));
        Assert.Equal("1", reply.Text);
        Assert.Null(await store.ReadAsync(LeaseKey, CancellationToken.None));
    }

    [Fact]
    public async Task ProcessAsync_BotFails_LeaseIsReleased()
    {
        var store = new InMemoryDocumentStore();
        var adapter = new TestAdapter(new TestAdapterOptions
        {
            Store = store,
            ProcessorOptions = new TurnProcessorOptions { CrossInstanceTurnLease = TimeSpan.FromSeconds(30) },
        });

        await adapter.ProcessActivityAsync(adapter.MakeMessage("boom"), new FailingBot(), CancellationToken.None);

        Assert.Null(await store.ReadAsync(LeaseKey, CancellationToken.None));
        await adapter.ProcessActivityAsync(adapter.MakeMessage("again"), new UserCounterBot(), CancellationToken.None);
        Assert.Contains(adapter.Transcript, activity => activity.Text == "1");
    }

    [Fact]
    public void Options_NonPositiveLease_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TestAdapter(new TestAdapterOptions
        {
            ProcessorOptions = new TurnProcessorOptions { CrossInstanceTurnLease = TimeSpan.Zero },
        }));
    }

    // A fake clock only moves when told: keep it moving so lease retries (5–100 ms back-off) come round.
    private static async Task TickAsync(ManualTimeProvider clock, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            clock.Advance(TimeSpan.FromMilliseconds(5));
            try
            {
                await Task.Delay(1, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static async Task WaitForTimerAsync(ManualTimeProvider clock)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (clock.ActiveTimerCount == 0)
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    private sealed class UserCounterBot : IBot
    {
        private static readonly StateProperty<int> Count = UserState.CreateProperty("count", TestJson.Default.Int32, () => 0);

        public async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken)
        {
            var next = Count.Get(turnContext) + 1;
            Count.Set(turnContext, next);
            await turnContext.SendActivityAsync(next.ToString(CultureInfo.InvariantCulture), cancellationToken);
        }
    }

    private sealed class FailingBot : IBot
    {
        public Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("bot bug");
    }
}
