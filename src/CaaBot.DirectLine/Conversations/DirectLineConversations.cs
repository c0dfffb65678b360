using System.Security.Cryptography;
using System.Text.Json;
using CaaBot.DirectLine.Configuration;
using CaaBot.Protocol;
using CaaBot.Protocol.Schema;
using CaaBot.Storage.Abstractions;
using Microsoft.Extensions.Options;

namespace CaaBot.DirectLine.Conversations;

/// <summary>
/// The channel's memory. A conversation is a record in the document store plus its history, an append-only stream
/// whose sequence numbers are the watermarks clients resume from. Everything the client sees is appended here,
/// stamped the way Web Chat needs it (<c>id</c>, UTC <c>timestamp</c>, <c>from.role</c>, <c>channelId</c>,
/// <c>conversation</c>, <c>serviceUrl</c>). An update re-appends an activity under its old id and timestamp, so a
/// client replaces it in place; a delete re-appends it as an empty <c>messageDelete</c> that nothing renders.
/// </summary>
public sealed class DirectLineConversations(IDocumentStore documents, IStreamStore streams, IOptions<DirectLineOptions> options, TimeProvider timeProvider)
{
    public const string ChannelId = "directline";
    private const int ReadBatch = 500;

    private readonly DirectLineOptions _options = options.Value;

    public ChannelAccount Bot => new() { Id = _options.BotId, Name = _options.BotName, Role = "bot" };

    public static string HistoryStream(string conversationId) => $"directline/activities/{conversationId}";

    public static string NewConversationId() => RandomNumberGenerator.GetHexString(32, lowercase: true);

    public async Task<ConversationRecord?> FindAsync(string conversationId, CancellationToken cancellationToken) =>
        (await documents.ReadAsync(RecordKey(conversationId), DirectLineJsonContext.Default.ConversationRecord, cancellationToken))?.Value;

    /// <summary>Creates the conversation unless it exists; <c>Created</c> says whether this call did.</summary>
    public async Task<(ConversationRecord Record, bool Created)> StartAsync(string conversationId, string userId, string? userName, CancellationToken cancellationToken)
    {
        var record = new ConversationRecord(conversationId, userId, userName, timeProvider.GetUtcNow());
        try
        {
            await documents.WriteAsync(RecordKey(conversationId), record, DirectLineJsonContext.Default.ConversationRecord, WritePrecondition.MustNotExist, cancellationToken);
            return (record, true);
        }
        catch (ConcurrencyConflictException)
        {
            return (await FindAsync(conversationId, cancellationToken) ?? record, false);
        }
    }

    /// <summary>The <c>conversationUpdate</c> that tells the bot a user joined (not shown to clients).</summary>
    public Activity ConversationUpdate(ConversationRecord conversation, string serviceUrl)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        var user = User(conversation.UserId, conversation.UserName);
        return new Activity
        {
            Type = ActivityTypes.ConversationUpdate,
            Id = NewActivityId(conversation.ConversationId),
            Timestamp = timeProvider.GetUtcNow(),
            ChannelId = ChannelId,
            ServiceUrl = serviceUrl,
            From = user,
            Recipient = Bot,
            Conversation = new ConversationAccount { Id = conversation.ConversationId },
            MembersAdded = [user, Bot],
        };
    }

    /// <summary>
    /// Stamps what a client posted and appends it as the echo. The sender is always the token's user: a different
    /// <c>from.id</c> in the body is overwritten, never believed.
    /// </summary>
    public async Task<AppendedActivity> AppendFromUserAsync(ConversationRecord conversation, Activity posted, string serviceUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(posted);
        var name = posted.From?.Name is { Length: > 0 and <= 128 } claimed ? claimed : conversation.UserName;
        var replyToId = posted.ReplyToId;
        if (replyToId is null && posted.IsCardSubmit())
        {
            replyToId = CardSubmitOrigin.Find(posted.Value!.Value, await RecentNewestFirstAsync(conversation.ConversationId, cancellationToken));
        }

        var echo = posted with
        {
            ReplyToId = replyToId,
            Id = NewActivityId(conversation.ConversationId),
            Timestamp = timeProvider.GetUtcNow(),
            ChannelId = ChannelId,
            ServiceUrl = serviceUrl,
            From = User(conversation.UserId, name),
            Recipient = Bot,
            Conversation = new ConversationAccount { Id = conversation.ConversationId },
            DeliveryMode = null,
        };
        return new AppendedActivity(await AppendAsync(conversation.ConversationId, echo, cancellationToken), echo);
    }

    /// <summary>Appends a bot message (or typing) to the conversation and returns its new id.</summary>
    public async Task<AppendedActivity> AppendFromBotAsync(string conversationId, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var stamped = StampFromBot(conversationId, activity, NewActivityId(conversationId), timeProvider.GetUtcNow());
        return new AppendedActivity(await AppendAsync(conversationId, stamped, cancellationToken), stamped);
    }

    /// <summary>Re-appends a bot activity under the id (and timestamp) it replaces; clients swap it in place.</summary>
    /// <exception cref="KeyNotFoundException">No bot activity with that id in this conversation.</exception>
    public async Task<AppendedActivity> ReplaceFromBotAsync(string conversationId, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var original = await FindBotActivityAsync(conversationId, activity.Id, cancellationToken);
        var stamped = StampFromBot(conversationId, activity with { Type = activity.Type == ActivityTypes.MessageUpdate ? ActivityTypes.Message : activity.Type }, original.Id!, original.Timestamp ?? timeProvider.GetUtcNow());
        return new AppendedActivity(await AppendAsync(conversationId, stamped, cancellationToken), stamped);
    }

    /// <exception cref="KeyNotFoundException">No bot activity with that id in this conversation.</exception>
    public async Task DeleteFromBotAsync(string conversationId, string? activityId, CancellationToken cancellationToken)
    {
        var original = await FindBotActivityAsync(conversationId, activityId, cancellationToken);
        var tombstone = StampFromBot(conversationId, new Activity { Type = ActivityTypes.MessageDelete, ReplyToId = original.ReplyToId }, original.Id!, original.Timestamp ?? timeProvider.GetUtcNow())
            with { Recipient = original.Recipient, ServiceUrl = original.ServiceUrl };
        await AppendAsync(conversationId, tombstone, cancellationToken);
    }

    public async Task<IReadOnlyList<AppendedActivity>> ReadAsync(string conversationId, long afterWatermark, int maxCount, CancellationToken cancellationToken)
    {
        var entries = await streams.ReadAsync(HistoryStream(conversationId), afterWatermark, maxCount, cancellationToken);
        return [.. entries.Select(entry => new AppendedActivity(entry.Sequence, Parse(entry.Payload)))];
    }

    public Task<long> GetWatermarkAsync(string conversationId, CancellationToken cancellationToken) =>
        streams.GetLastSequenceAsync(HistoryStream(conversationId), cancellationToken);

    /// <summary>Hears every append to the conversation, from this instance or (with a shared backend) another one.</summary>
    public IDisposable Subscribe(string conversationId, Action<long> onAppended) => streams.Subscribe(HistoryStream(conversationId), onAppended);

    private static string RecordKey(string conversationId) => $"directline/conversations/{conversationId}";

    private static string NewActivityId(string conversationId) => $"{conversationId}|{RandomNumberGenerator.GetHexString(16, lowercase: true)}";

    /// <summary>
    /// The user as the bot sees them. An id the server derived from a validated Entra id token (<c>aad:{oid}</c>) also
    /// travels as <c>aadObjectId</c>, as Teams sends it, so the bot recognises the same person on both channels.
    /// </summary>
    private static ChannelAccount User(string id, string? name) => new()
    {
        Id = id,
        Name = name,
        Role = "user",
        AadObjectId = id.StartsWith("aad:", StringComparison.Ordinal) && Guid.TryParse(id.AsSpan(4), out var objectId) ? objectId.ToString("D") : null,
    };

    /// <summary>The last activities of the conversation, newest first (what a click can still refer to).</summary>
    private async Task<IEnumerable<Activity>> RecentNewestFirstAsync(string conversationId, CancellationToken cancellationToken)
    {
        const int recent = 100;
        var last = await streams.GetLastSequenceAsync(HistoryStream(conversationId), cancellationToken);
        var entries = await streams.ReadAsync(HistoryStream(conversationId), Math.Max(0, last - recent), recent, cancellationToken);
        return entries.Select(entry => Parse(entry.Payload)).Reverse();
    }

    private static Activity Parse(ReadOnlyMemory<byte> payload) =>
        JsonSerializer.Deserialize<Activity>(payload.Span, ProtocolJson.Options) ?? throw new JsonException("A history entry holds JSON null.");

    private Activity StampFromBot(string conversationId, Activity activity, string id, DateTimeOffset timestamp) => activity with
    {
        Id = id,
        Timestamp = timestamp,
        ChannelId = ChannelId,
        From = Bot,
        Recipient = activity.Recipient is { } recipient ? recipient with { Role = "user" } : null,
        Conversation = new ConversationAccount { Id = conversationId },
    };

    private async Task<long> AppendAsync(string conversationId, Activity activity, CancellationToken cancellationToken) =>
        await streams.AppendAsync(HistoryStream(conversationId), JsonSerializer.SerializeToUtf8Bytes(activity, ProtocolJson.Options), cancellationToken);

    private async Task<Activity> FindBotActivityAsync(string conversationId, string? activityId, CancellationToken cancellationToken)
    {
        Activity? found = null;
        if (activityId is { Length: > 0 })
        {
            for (long after = 0; ;)
            {
                var batch = await ReadAsync(conversationId, after, ReadBatch, cancellationToken);
                foreach (var entry in batch)
                {
                    if (entry.Activity.Id == activityId && entry.Activity.From?.Role == "bot")
                    {
                        found = entry.Activity;
                    }
                }

                if (batch.Count < ReadBatch)
                {
                    break;
                }

                after = batch[^1].Sequence;
            }
        }

        return found ?? throw new KeyNotFoundException("The conversation has no bot activity with that id.");
    }
}
