using CaaBot.Protocol.Schema;

namespace CaaBot.Conversations.Turns;

/// <summary>
/// One attempt at a turn. Sends, updates and deletes are buffered and reach the channel only through
/// <see cref="FlushAsync"/>, after the state commit; typing indicators go out at once.
/// </summary>
/// <remarks>
/// A buffered send cannot know the id the channel will give it, so <see cref="SendActivityAsync"/> returns a
/// provisional id. It can be used to update or delete that message later in the same turn (the flush maps it
/// to the real id); it means nothing after the turn. To touch a message in a later turn, use the id the channel
/// reports back, e.g. the <c>replyToId</c> of a card submit.
/// </remarks>
internal sealed class TurnContext(Activity activity, string correlationId, IActivityChannel channel) : ITurnContext
{
    internal const string ProvisionalIdPrefix = "pending:";

    private readonly Lock _gate = new();
    private readonly List<OutgoingOperation> _pending = [];
    private bool _responded;

    public Activity Activity => activity;

    public string CorrelationId => correlationId;

    public TurnState TurnState { get; } = CreateTurnState();

    public bool Responded
    {
        get
        {
            lock (_gate)
            {
                return _responded;
            }
        }
    }

    public InvokeResponse? InvokeResponse { get; set; }

    public async Task<ResourceResponse> SendActivityAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var addressed = Address(activity);
        if (addressed.Type == ActivityTypes.Typing)
        {
            lock (_gate)
            {
                _responded = true;
            }

            // Harmless if the turn is later retried or rolled back, and useful only when shown now.
            return await channel.SendAsync(addressed, cancellationToken);
        }

        lock (_gate)
        {
            _responded = true;
            var provisionalId = $"{ProvisionalIdPrefix}{correlationId}:{_pending.Count + 1}";
            _pending.Add(new OutgoingOperation(OutgoingOperationKind.Send, addressed, provisionalId));
            return new ResourceResponse(provisionalId);
        }
    }

    public Task<ResourceResponse> UpdateActivityAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentException.ThrowIfNullOrEmpty(activity.Id, nameof(activity) + ".Id");
        lock (_gate)
        {
            _pending.Add(new OutgoingOperation(OutgoingOperationKind.Update, Address(activity), null));
        }

        return Task.FromResult(new ResourceResponse(activity.Id));
    }

    public Task DeleteActivityAsync(string activityId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(activityId);
        var toDelete = Address(new Activity { Type = ActivityTypes.MessageDelete, Id = activityId });
        lock (_gate)
        {
            _pending.Add(new OutgoingOperation(OutgoingOperationKind.Delete, toDelete, null));
        }

        return Task.CompletedTask;
    }

    /// <summary>Delivers the buffered operations in the order the bot made them; returns them as delivered.</summary>
    internal async Task<IReadOnlyList<Activity>> FlushAsync(CancellationToken cancellationToken)
    {
        OutgoingOperation[] operations;
        lock (_gate)
        {
            operations = [.. _pending];
            _pending.Clear();
        }

        Dictionary<string, string>? realIds = null;
        var delivered = new List<Activity>(operations.Length);
        foreach (var operation in operations)
        {
            switch (operation.Kind)
            {
                case OutgoingOperationKind.Send:
                    var sent = await channel.SendAsync(operation.Activity, cancellationToken);
                    if (sent.Id is not null && operation.ProvisionalId is not null)
                    {
                        (realIds ??= new(StringComparer.Ordinal))[operation.ProvisionalId] = sent.Id;
                    }

                    delivered.Add(operation.Activity with { Id = sent.Id });
                    break;
                case OutgoingOperationKind.Update:
                    var update = WithRealId(operation.Activity, realIds);
                    await channel.UpdateAsync(update, cancellationToken);
                    delivered.Add(update with { Type = ActivityTypes.MessageUpdate });
                    break;
                case OutgoingOperationKind.Delete:
                    var deletion = WithRealId(operation.Activity, realIds);
                    await channel.DeleteAsync(deletion, cancellationToken);
                    delivered.Add(deletion);
                    break;
            }
        }

        return delivered;
    }

    private static TurnState CreateTurnState()
    {
        var turnState = new TurnState();
        turnState.Set(new TurnDelivery());
        return turnState;
    }

    private static Activity WithRealId(Activity activity, Dictionary<string, string>? realIds) =>
        activity.Id is { } id && realIds is not null && realIds.TryGetValue(id, out var realId) ? activity with { Id = realId } : activity;

    /// <summary>A scheduled turn's activity was never posted by anyone: what the bot says in it starts a new message, not a reply.</summary>
    private static bool IsScheduled(Activity incoming) =>
        incoming.Id?.StartsWith(Scheduling.ScheduledTurn.ActivityIdPrefix, StringComparison.Ordinal) == true && incoming.Type == ActivityTypes.Event;

    /// <summary>Addresses <paramref name="outgoing"/> as a reply to the incoming activity unless it already names a conversation.</summary>
    private Activity Address(Activity outgoing)
    {
        if (outgoing.Conversation is not null)
        {
            return outgoing;
        }

        var reply = activity.CreateReply();
        return outgoing with
        {
            From = outgoing.From ?? reply.From,
            Recipient = outgoing.Recipient ?? reply.Recipient,
            Conversation = reply.Conversation,
            ChannelId = outgoing.ChannelId ?? reply.ChannelId,
            ServiceUrl = outgoing.ServiceUrl ?? reply.ServiceUrl,
            ReplyToId = outgoing.ReplyToId ?? (outgoing.Type == ActivityTypes.Message && !IsScheduled(activity) ? reply.ReplyToId : null),
            Locale = outgoing.Locale ?? reply.Locale,
        };
    }
}
