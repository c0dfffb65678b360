using System.Text.Json;
using CaaBot.Conversations.Testing;
using CaaBot.Conversations.Tests.Fixtures;
using CaaBot.Conversations.Transcripts;
using CaaBot.Conversations.Turns;
using CaaBot.Protocol;
using CaaBot.Protocol.Schema;
using CaaBot.Storage.InMemory;

namespace CaaBot.Conversations.Tests.Transcripts;

public sealed class TranscriptLoggerMiddlewareTests
{
    [Fact]
    public async Task Middleware_Conversation_AppendsBothDirectionsWithChannelIds()
    {
        var streams = new InMemoryStreamStore();
        var adapter = new TestAdapter(new TestAdapterOptions { Middleware = [new TranscriptLoggerMiddleware(streams)] });

        await new TestFlow(adapter, new DialogBot(new OnboardingDialog()))
            .Send("hi").AssertReply("What's your name?")
            .Send("Ada").AssertReplyContains("How many devices")
            .StartTestAsync();

        var logged = await ReadAsync(streams, "transcript/test/conversation-1");
        Assert.Equal(["user:hi", "bot:What's your name?", "user:Ada", "bot:Thanks Ada. How many devices do you use Teams on?"], logged.Select(Describe));
        Assert.Equal(adapter.Transcript[1].Id, logged[1].Id);
    }

    [Fact]
    public async Task Middleware_Turn_IsOneEntryHoldingTheIncomingActivityAndTheReplies()
    {
        var streams = new InMemoryStreamStore();
        var adapter = new TestAdapter(new TestAdapterOptions { Middleware = [new TranscriptLoggerMiddleware(streams)] });
        var bot = new DelegateBot(async (turn, token) =>
        {
            await turn.SendActivityAsync("one", token);
            await turn.SendActivityAsync("two", token);
        });

        await adapter.SendTextAsync("hi", bot, CancellationToken.None);
        await adapter.SendTextAsync("again", bot, CancellationToken.None);

        var entries = await streams.ReadAsync("transcript/test/conversation-1", 0, 100, CancellationToken.None);
        Assert.Equal(2, entries.Count);
        Assert.Equal(["user:hi", "bot:one", "bot:two"], TranscriptEntryJson.Read(entries[0].Payload).Select(Describe));
        Assert.Equal(["user:again", "bot:one", "bot:two"], TranscriptEntryJson.Read(entries[1].Payload).Select(Describe));
    }

    [Fact]
    public async Task Middleware_TurnRetriedAfterAConflict_IsLoggedOnce()
    {
        var store = new InMemoryDocumentStore();
        var streams = new InMemoryStreamStore();
        var first = new TestAdapter(new TestAdapterOptions { Store = store, Middleware = [new TranscriptLoggerMiddleware(streams)] });
        var second = new TestAdapter(new TestAdapterOptions { Store = store, Middleware = [new TranscriptLoggerMiddleware(streams)] });
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

        var slowTurn = first.SendTextAsync("slow", slowBot, CancellationToken.None);
        await firstHasRead.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await second.SendTextAsync("fast", new CounterBot(), CancellationToken.None);
        secondHasCommitted.SetResult();
        await slowTurn;

        var logged = await ReadAsync(streams, "transcript/test/conversation-1");
        Assert.Equal(["user:fast", "bot:1", "user:slow", "bot:2"], logged.Select(Describe));
    }

    [Fact]
    public async Task Middleware_FailedTurn_LogsTheIncomingActivityAndTheErrorMessageOnly()
    {
        var streams = new InMemoryStreamStore();
        var adapter = new TestAdapter(new TestAdapterOptions { Middleware = [new TranscriptLoggerMiddleware(streams)] });
        var bot = new DelegateBot(async (turn, token) =>
        {
            await turn.SendActivityAsync("never delivered", token);
            throw new InvalidOperationException("boom");
        });

        await adapter.SendTextAsync("hi", bot, CancellationToken.None);

        var logged = await ReadAsync(streams, "transcript/test/conversation-1");
        Assert.Equal(2, logged.Count);
        Assert.Equal("user:hi", Describe(logged[0]));
        Assert.Contains("something went wrong", logged[1].Text, StringComparison.Ordinal);
    }

    private static async Task<List<Activity>> ReadAsync(InMemoryStreamStore streams, string stream) =>
        [.. (await streams.ReadAsync(stream, 0, 100, CancellationToken.None)).SelectMany(entry => TranscriptEntryJson.Read(entry.Payload))];

    private static string Describe(Activity activity) => $"{activity.From?.Role}:{activity.Text}";
}
