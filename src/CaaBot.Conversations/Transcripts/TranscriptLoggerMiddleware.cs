using System.Text.Json;
using CaaBot.Conversations.Turns;
using CaaBot.Protocol;
using CaaBot.Protocol.Schema;
using CaaBot.Storage.Abstractions;

namespace CaaBot.Conversations.Transcripts;

/// <summary>
/// Appends every committed turn to the conversation's transcript stream (<c>transcript/{channelId}/{conversationId}</c>):
/// the incoming activity, then what the bot delivered (updates as <c>messageUpdate</c>), each as protocol JSON — the
/// elements of a <c>.transcript</c> file. Written after delivery, so a retried or failed attempt never appears twice
/// and the bot's activities carry the ids the channel gave them. Typing indicators are not recorded.
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
            await streams.AppendAsync(stream, JsonSerializer.SerializeToUtf8Bytes(incoming with { From = sender }, ProtocolJson.Options), token);
            foreach (var activity in delivered)
            {
                await streams.AppendAsync(stream, JsonSerializer.SerializeToUtf8Bytes(activity, ProtocolJson.Options), token);
            }
        });
        return next(cancellationToken);
    }
}
