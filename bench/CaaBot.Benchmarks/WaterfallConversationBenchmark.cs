using System.Globalization;
using BenchmarkDotNet.Attributes;
using CaaBot.Benchmarks.Waterfall;
using CaaBot.Conversations.Turns;
using CaaBot.Protocol.Schema;
using CaaBot.Storage.InMemory;
using Microsoft.Extensions.Logging.Abstractions;

namespace CaaBot.Benchmarks;

/// <summary>
/// One whole conversation of the three-step waterfall through the real <see cref="TurnProcessor"/>: "hi" → name
/// prompt, name → count prompt, number → summary. Every turn loads, deserializes, serializes and commits the
/// conversation state (and reads user state) in an in-memory document store, and every reply is checked.
/// </summary>
/// <remarks>Not sealed: BenchmarkDotNet's generated runner derives from the benchmark class.</remarks>
[MemoryDiagnoser]
public class WaterfallConversationBenchmark
{
    // Each conversation is new (as on the peer's side); the store is swapped now and then so that hundreds of
    // thousands of finished conversations do not pile up in one dictionary and skew the later iterations.
    private const int ConversationsPerStore = 4096;

    private static readonly ChannelAccount User = new() { Id = "user-1", Name = "Benchmark User", Role = RoleTypes.User };
    private static readonly ChannelAccount Bot = new() { Id = "bot-1", Name = "CaaBot", Role = RoleTypes.Bot };

    private const int WarmUpConversations = 30_000;

    private const string EchoReply = "Noted.";

    private readonly ThreeStepWaterfallBot _bot = new();
    private readonly EchoBot _echoBot = new(EchoReply);
    private readonly RecordingChannel _channel = new();
    private TurnProcessor _processor = CreateProcessor();
    private long _conversations;
    private long _activities;

    /// <summary>
    /// Runs both paths until tiered JIT has settled. Measured here: on 2 busy cores the per-conversation time only
    /// levels off after some 20,000 conversations (tier-0 → tier-1 with dynamic PGO compiles in the background),
    /// far beyond a short job's warm-up iterations, which would otherwise report a falling curve as noise.
    /// </summary>
    [GlobalSetup]
    public async Task WarmUpAsync()
    {
        for (var i = 0; i < WarmUpConversations; i++)
        {
            await WholeConversationAsync();
            await ThreeTurnsWithoutDialogAsync();
        }
    }

    /// <summary>The measurement compared with the peer.</summary>
    [Benchmark(Baseline = true, Description = "waterfall-3-step: whole conversation")]
    public async Task WholeConversationAsync()
    {
        var (conversation, name, count) = NextConversation();
        await TurnAsync(_bot, conversation, "hi", ThreeStepWaterfallText.NamePrompt);
        await TurnAsync(_bot, conversation, name, ThreeStepWaterfallText.CountPrompt);
        await TurnAsync(_bot, conversation, count.ToString(CultureInfo.InvariantCulture), ThreeStepWaterfallText.Summary(name, count));
    }

    /// <summary>The same three turns answered without a dialog: how much of the above is the turn pipeline alone.</summary>
    [Benchmark(Description = "3 turns, fixed reply, no dialog")]
    public async Task ThreeTurnsWithoutDialogAsync()
    {
        var (conversation, name, count) = NextConversation();
        await TurnAsync(_echoBot, conversation, "hi", EchoReply);
        await TurnAsync(_echoBot, conversation, name, EchoReply);
        await TurnAsync(_echoBot, conversation, count.ToString(CultureInfo.InvariantCulture), EchoReply);
    }

    private (ConversationAccount Conversation, string Name, int Count) NextConversation()
    {
        var index = ++_conversations;
        if (index % ConversationsPerStore == 0)
        {
            _processor = CreateProcessor();
        }

        var conversation = new ConversationAccount { Id = "conversation-" + index.ToString(CultureInfo.InvariantCulture), ConversationType = "personal" };
        return (conversation, "User" + index.ToString(CultureInfo.InvariantCulture), (int)(index % 9) + 1);
    }

    private async Task TurnAsync(IBot bot, ConversationAccount conversation, string text, string expectedReply)
    {
        var incoming = new Activity
        {
            Type = ActivityTypes.Message,
            Id = "a" + (++_activities).ToString(CultureInfo.InvariantCulture),
            Timestamp = DateTimeOffset.UtcNow,
            ChannelId = "test",
            ServiceUrl = "https://test.invalid/",
            From = User,
            Recipient = Bot,
            Conversation = conversation,
            Locale = "en-US",
            Text = text,
        };
        _channel.Clear();
        await _processor.ProcessAsync(incoming, _channel, bot, CancellationToken.None);
        if (_channel.Sent.Count != 1 || !string.Equals(_channel.Sent[0].Text, expectedReply, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"{conversation.Id}: expected \"{expectedReply}\", got [{string.Join(" | ", _channel.Sent.Select(reply => reply.Text))}]");
        }
    }

    private static TurnProcessor CreateProcessor() => new(
        new InMemoryDocumentStore(),
        NullLogger<TurnProcessor>.Instance,
        TimeProvider.System,
        new TurnProcessorOptions(),
        [],
        new TurnErrorHandler());
}
