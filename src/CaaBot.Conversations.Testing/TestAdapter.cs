using System.Collections.Concurrent;
using System.Globalization;
using CaaBot.Conversations.Testing.Time;
using CaaBot.Conversations.Turns;
using CaaBot.Protocol;
using CaaBot.Protocol.Schema;
using CaaBot.Storage.Abstractions;
using CaaBot.Storage.InMemory;
using Microsoft.Extensions.Logging.Abstractions;

namespace CaaBot.Conversations.Testing;

/// <summary>
/// A channel in a box: builds realistic incoming activities (ids, timestamps, accounts, channel "test"), runs them
/// through a real <see cref="TurnProcessor"/> over in-memory storage, and records what the bot sends.
/// </summary>
public sealed class TestAdapter : IActivityChannel
{
    private readonly TestAdapterOptions _options;
    private readonly ConcurrentQueue<Activity> _unreadReplies = new();
    private readonly Lock _transcriptGate = new();
    private readonly List<Activity> _transcript = [];
    // Shared by all adapters: two adapters over one store (two "instances", or a redeployed bot) must not reuse
    // activity ids, or the second one's messages would be dropped as redeliveries.
    private static int s_nextIncomingId;
    private int _nextOutgoingId;

    public TestAdapter(TestAdapterOptions? options = null)
    {
        _options = options ?? new TestAdapterOptions();
        Store = _options.Store ?? new InMemoryDocumentStore();
        Clock = _options.Clock ?? new ManualTimeProvider();
        Processor = new TurnProcessor(
            Store,
            _options.Logger ?? NullLogger<TurnProcessor>.Instance,
            Clock,
            _options.ProcessorOptions,
            _options.Middleware,
            _options.ErrorHandler);
        User = new ChannelAccount { Id = _options.UserId, Name = _options.UserName, AadObjectId = _options.UserAadObjectId, Role = RoleTypes.User };
        Bot = new ChannelAccount { Id = _options.BotId, Name = _options.BotName, Role = RoleTypes.Bot };
        Conversation = new ConversationAccount { Id = _options.ConversationId, ConversationType = "personal" };
    }

    public IDocumentStore Store { get; }

    public ManualTimeProvider Clock { get; }

    public TurnProcessor Processor { get; }

    public ChannelAccount User { get; }

    public ChannelAccount Bot { get; }

    public ConversationAccount Conversation { get; }

    /// <summary>Every activity of the conversation, both directions, in order (what a transcript file would hold).</summary>
    public IReadOnlyList<Activity> Transcript
    {
        get
        {
            lock (_transcriptGate)
            {
                return [.. _transcript];
            }
        }
    }

    /// <summary>A message from the user, as a channel would deliver it.</summary>
    public Activity MakeMessage(string text) => MakeIncoming(ActivityTypes.Message) with { Text = text, TextFormat = TextFormats.Plain };

    /// <summary>An Adaptive Card submit carrying <paramref name="data"/>, replying to the latest card the bot sent.</summary>
    public Activity MakeCardSubmit(object data) => MakeIncoming(ActivityTypes.Message) with
    {
        Value = ProtocolJson.ToElement(data),
        ReplyToId = LatestBotActivity(activity => activity.Type == ActivityTypes.Message && activity.Attachments is { Count: > 0 })?.Id,
        ChannelData = ProtocolJson.ToElement(new { postBack = true }),
    };

    /// <summary>The bot and the user joining, as the Emulator announces a new conversation.</summary>
    public Activity MakeConversationUpdate() => MakeIncoming(ActivityTypes.ConversationUpdate) with { MembersAdded = [Bot, User] };

    /// <summary>An activity of <paramref name="type"/> from the user with a fresh id and the current (fake) time.</summary>
    public Activity MakeIncoming(string type) => new()
    {
        Type = type,
        Id = $"u{Interlocked.Increment(ref s_nextIncomingId).ToString(CultureInfo.InvariantCulture)}",
        Timestamp = Clock.GetUtcNow(),
        LocalTimestamp = Clock.GetUtcNow(),
        ChannelId = _options.ChannelId,
        ServiceUrl = "https://test.invalid/",
        From = User,
        Recipient = Bot,
        Conversation = Conversation,
        Locale = "en-US",
    };

    /// <summary>Runs one incoming activity through the turn processor. Missing addressing is filled in from this adapter.</summary>
    public Task<TurnOutcome> ProcessActivityAsync(Activity activity, IBot bot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var incoming = activity with
        {
            Id = activity.Id ?? $"u{Interlocked.Increment(ref s_nextIncomingId).ToString(CultureInfo.InvariantCulture)}",
            Timestamp = activity.Timestamp ?? Clock.GetUtcNow(),
            ChannelId = activity.ChannelId ?? _options.ChannelId,
            ServiceUrl = activity.ServiceUrl ?? "https://test.invalid/",
            From = activity.From ?? User,
            Recipient = activity.Recipient ?? Bot,
            Conversation = activity.Conversation ?? Conversation,
        };
        Record(incoming);
        return Processor.ProcessAsync(incoming, this, bot, cancellationToken);
    }

    /// <summary>Sends <paramref name="text"/> as the user.</summary>
    public Task<TurnOutcome> SendTextAsync(string text, IBot bot, CancellationToken cancellationToken) =>
        ProcessActivityAsync(MakeMessage(text), bot, cancellationToken);

    /// <summary>Takes the oldest reply not yet looked at.</summary>
    public bool TryGetNextReply(out Activity reply) => _unreadReplies.TryDequeue(out reply!);

    /// <summary>Replies not yet looked at.</summary>
    public int UnreadReplyCount => _unreadReplies.Count;

    /// <summary>The most recent activity the bot sent that satisfies <paramref name="predicate"/>.</summary>
    public Activity? LatestBotActivity(Func<Activity, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        lock (_transcriptGate)
        {
            return _transcript.LastOrDefault(activity => activity.From?.Role == RoleTypes.Bot && predicate(activity));
        }
    }

    Task<ResourceResponse> IActivityChannel.SendAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var sent = activity with
        {
            Id = $"b{Interlocked.Increment(ref _nextOutgoingId).ToString(CultureInfo.InvariantCulture)}",
            Timestamp = Clock.GetUtcNow(),
        };
        Record(sent);
        _unreadReplies.Enqueue(sent);
        return Task.FromResult(new ResourceResponse(sent.Id));
    }

    Task<ResourceResponse> IActivityChannel.UpdateAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var update = activity with { Type = ActivityTypes.MessageUpdate, Timestamp = Clock.GetUtcNow() };
        Record(update);
        _unreadReplies.Enqueue(update);
        return Task.FromResult(new ResourceResponse(activity.Id));
    }

    Task IActivityChannel.DeleteAsync(Activity activityToDelete, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activityToDelete);
        var deletion = activityToDelete with { Type = ActivityTypes.MessageDelete, Timestamp = Clock.GetUtcNow() };
        Record(deletion);
        _unreadReplies.Enqueue(deletion);
        return Task.CompletedTask;
    }

    private void Record(Activity activity)
    {
        lock (_transcriptGate)
        {
            _transcript.Add(activity);
        }
    }
}
