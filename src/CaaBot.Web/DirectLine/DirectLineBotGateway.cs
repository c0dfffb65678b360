using CaaBot.Conversations.Turns;
using CaaBot.DirectLine.Conversations;
using CaaBot.Protocol.Schema;

namespace CaaBot.Web.DirectLine;

/// <summary>Runs a Direct Line activity as a turn of the host's bot, delivering its output into the conversation's history.</summary>
public sealed class DirectLineBotGateway(TurnProcessor turnProcessor, IBot bot, DirectLineConversations conversations) : IDirectLineBotGateway
{
    public async Task ProcessAsync(Activity incoming, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        var conversationId = incoming.Conversation?.Id ?? throw new ArgumentException("The activity names no conversation.", nameof(incoming));
        await turnProcessor.ProcessAsync(incoming, new DirectLineActivityChannel(conversations, conversationId), bot, cancellationToken);
    }
}
