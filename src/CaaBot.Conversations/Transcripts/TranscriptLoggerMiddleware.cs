using CaaBot.Conversations.Turns;
using CaaBot.Protocol;
using CaaBot.Protocol.Schema;
using CaaBot.Storage.Abstractions;

namespace CaaBot.Conversations.Transcripts;

/// <summary>
/// Appends every committed turn to the conversation's transcript stream (<c>transcript/{channelId}/{conversationId}</c>):
/// one entry per turn (<see cref="TranscriptEntryJson"/>), an array of the incoming activity and what the bot delivered
/// (updates as <c>messageUpdate</c>), each as protocol JSON — the elements of a <c>.transcript</c> file. One append per
/// turn rather than one per activity: each append is a write transaction of its own. Written after delivery, so a
/// retried or failed attempt never appears twice and the bot's activities carry the ids the channel gave them. Typing
/// indicators are not recorded.
/// </summary>
public sealed class TranscriptLoggerMiddleware(IStreamStore streams) : IMiddleware
{
    public static string StreamFor(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return $"transcript/{activity.ChannelId}/{activity.Conversation?.Id}";
    }

    public Task OnTurnAsync(ITurnContext turnContext, Func<CancellationToken, Task> next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(next);
        var incoming = turnContext.Activity;
        turnContext.TurnState.GetRequired<TurnDelivery>().OnDelivered(async (delivered, token) =>
        {
            var stream = StreamFor(incoming);
            var sender = incoming.From is { Role: null } user ? user with { Role = RoleTypes.User } : incoming.From;
            var turn = new Activity[delivered.Count + 1];
            turn[0] = incoming with { From = sender };
            for (var i = 0; i < delivered.Count; i++)
            {
                turn[i + 1] = delivered[i];
            }

            await streams.AppendAsync(stream, TranscriptEntryJson.Write(turn), token);
        });
        return next(cancellationToken);
    }
}
