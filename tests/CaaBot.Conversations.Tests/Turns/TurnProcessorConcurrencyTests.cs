using System.Globalization;
using CaaBot.Conversations.Testing;
using CaaBot.Conversations.Tests.Fixtures;
using CaaBot.Conversations.Turns;
using CaaBot.Protocol.Schema;
using CaaBot.Storage.InMemory;

namespace CaaBot.Conversations.Tests.Turns;

public sealed class TurnProcessorConcurrencyTests
{
    [Fact]
    public async Task ProcessAsync_ManyConcurrentMessagesToOneConversation_LosesNoUpdate()
    {
        var adapter = new TestAdapter();
        var bot = new CounterBot(async _ => await Task.Yield());
        var messages = Enumerable.Range(0, 50).Select(i => adapter.MakeMessage($"m{i}")).ToArray();

        await Task.WhenAll(messages.Select(message => Task.Run(() => adapter.ProcessActivityAsync(message, bot, CancellationToken.None))));

        Assert.Equal(Enumerable.Range(1, 50), ReplyNumbers(adapter).Order());
    }

    [Fact]
    public async Task ProcessAsync_TwoInstancesGetMessagesAtOnce_LoseNoUpdateAndSendNothingTwice()
    {
        var store = new YieldingDocumentStore(new InMemoryDocumentStore());
        var first = new TestAdapter(new TestAdapterOptions { Store = store });
        var second = new TestAdapter(new TestAdapterOptions { Store = store });
        var bot = new CounterBot(async _ => await Task.Yield());

        for (var pair = 0; pair < 20; pair++)
        {
            var toFirst = first.MakeMessage("a") with { Id = $"a{pair}" };
            var toSecond = second.MakeMessage("b") with { Id = $"b{pair}" };
            await Task.WhenAll(
                Task.Run(() => first.ProcessActivityAsync(toFirst, bot, CancellationToken.None)),
                Task.Run(() => second.ProcessActivityAsync(toSecond, bot, CancellationToken.None)));
        }

        Assert.Equal(Enumerable.Range(1, 40), ReplyNumbers(first).Concat(ReplyNumbers(second)).Order());
    }

    [Fact]
    public async Task ProcessAsync_TwoInstancesUnderSustainedContention_LoseNoUpdateAndSendNothingTwice()
    {
        // A sustained burst lets one instance win race after race; allow enough attempts to prove correctness, not fairness.
        var store = new YieldingDocumentStore(new InMemoryDocumentStore());
        var options = new TurnProcessorOptions { MaxAttempts = 1_000 };
        var first = new TestAdapter(new TestAdapterOptions { Store = store, ProcessorOptions = options });
        var second = new TestAdapter(new TestAdapterOptions { Store = store, ProcessorOptions = options });
        var bot = new CounterBot(async _ => await Task.Yield());

        var turns = Enumerable.Range(0, 40).Select(i =>
        {
            var adapter = i % 2 == 0 ? first : second;
            var message = adapter.MakeMessage($"m{i}") with { Id = $"m{i}" };
            return Task.Run(() => adapter.ProcessActivityAsync(message, bot, CancellationToken.None));
        });
        await Task.WhenAll(turns);

        Assert.Equal(Enumerable.Range(1, 40), ReplyNumbers(first).Concat(ReplyNumbers(second)).Order());
    }

    [Fact]
    public async Task ProcessAsync_LosingAStateRace_RerunsTurnAndDeliversOnlyTheWinningAttempt()
    {
        var store = new InMemoryDocumentStore();
        var first = new TestAdapter(new TestAdapterOptions { Store = store });
        var second = new TestAdapter(new TestAdapterOptions { Store = store });
        var firstHasRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondHasCommitted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempts = 0;
        var slowBot = new CounterBot(async token =>
        {
            if (Interlocked.Increment(ref attempts) == 1)
            {
                firstHasRead.SetResult();
                await secondHasCommitted.Task.WaitAsync(token);
            }
        });

        var slowTurn = first.ProcessActivityAsync(first.MakeMessage("slow") with { Id = "a" }, slowBot, CancellationToken.None);
        await firstHasRead.Task;
        await second.ProcessActivityAsync(second.MakeMessage("fast") with { Id = "b" }, new CounterBot(), CancellationToken.None);
        secondHasCommitted.SetResult();
        await slowTurn;

        Assert.Equal(2, attempts);
        Assert.Equal(["2"], ReplyTexts(first));
        Assert.Equal(["1"], ReplyTexts(second));
    }

    [Fact]
    public async Task ProcessAsync_OneConversationIsSlow_OtherConversationsAreNotBlocked()
    {
        var store = new InMemoryDocumentStore();
        var slowConversation = new TestAdapter(new TestAdapterOptions { Store = store, ConversationId = "slow" });
        var otherConversation = new TestAdapter(new TestAdapterOptions { Store = store, ConversationId = "other" });
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var processor = slowConversation.Processor;

        var slowTurn = processor.ProcessAsync(
            slowConversation.MakeMessage("wait"), slowConversation, new CounterBot(token => release.Task.WaitAsync(token)), CancellationToken.None);
        var otherTurn = processor.ProcessAsync(otherConversation.MakeMessage("hi"), otherConversation, new CounterBot(), CancellationToken.None);

        await otherTurn.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(slowTurn.IsCompleted);
        Assert.Equal(["1"], ReplyTexts(otherConversation));
        release.SetResult();
        await slowTurn;
    }

    [Fact]
    public async Task ProcessAsync_RedeliveredActivity_IsProcessedOnce()
    {
        var adapter = new TestAdapter();
        var message = adapter.MakeMessage("hi");

        var first = await adapter.ProcessActivityAsync(message, new CounterBot(), CancellationToken.None);
        var again = await adapter.ProcessActivityAsync(message, new CounterBot(), CancellationToken.None);

        Assert.False(first.WasDuplicate);
        Assert.True(again.WasDuplicate);
        Assert.Equal(["1"], ReplyTexts(adapter));
    }

    [Fact]
    public async Task ProcessAsync_RedeliveryRacingTheOriginal_IsProcessedOnce()
    {
        var store = new YieldingDocumentStore(new InMemoryDocumentStore());
        var first = new TestAdapter(new TestAdapterOptions { Store = store });
        var second = new TestAdapter(new TestAdapterOptions { Store = store });
        var message = first.MakeMessage("hi");
        var bot = new CounterBot(async _ => await Task.Yield());

        var outcomes = await Task.WhenAll(
            Task.Run(() => first.ProcessActivityAsync(message, bot, CancellationToken.None)),
            Task.Run(() => second.ProcessActivityAsync(message, bot, CancellationToken.None)));

        Assert.Single(outcomes, outcome => outcome.WasDuplicate);
        Assert.Equal(["1"], ReplyTexts(first).Concat(ReplyTexts(second)));
    }

    [Fact]
    public async Task ProcessAsync_ActivitiesWithoutId_AreNeverDeduplicated()
    {
        var adapter = new TestAdapter();
        var message = adapter.MakeMessage("hi") with { Id = null };

        await adapter.Processor.ProcessAsync(message, adapter, new CounterBot(), CancellationToken.None);
        await adapter.Processor.ProcessAsync(message, adapter, new CounterBot(), CancellationToken.None);

        Assert.Equal(["1", "2"], ReplyTexts(adapter));
    }

    private static List<string> ReplyTexts(TestAdapter adapter)
    {
        var texts = new List<string>();
        while (adapter.TryGetNextReply(out var reply))
        {
            Assert.Equal(ActivityTypes.Message, reply.Type);
            texts.Add(reply.Text!);
        }

        return texts;
    }

    private static IEnumerable<int> ReplyNumbers(TestAdapter adapter) =>
        ReplyTexts(adapter).Select(text => int.Parse(text, CultureInfo.InvariantCulture));
}
