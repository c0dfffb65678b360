using CaaBot.Protocol.Schema;

namespace CaaBot.DirectLine.Conversations;

/// <summary>
/// How the channel hands an activity to the bot. The host implements it (a turn through its turn processor) and
/// delivers whatever the bot sends, updates or deletes back through <see cref="DirectLineConversations"/>.
/// Throwing means the bot failed (the client gets 502).
/// </summary>
public interface IDirectLineBotGateway
{
    Task ProcessAsync(Activity incoming, CancellationToken cancellationToken);
}
