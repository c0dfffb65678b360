using CaaBot.Conversations.Turns;
using CaaBot.Helpdesk.Handoff;
using CaaBot.Protocol.Schema;
using Microsoft.Extensions.Logging;

namespace CaaBot.Bot.LiveChat.Teams;

/// <summary>
/// The helpdesk channel's side of every live chat: a request becomes an escalation card in a new thread; taking and
/// ending it update the card and say so in the thread; what the user types appears there. A channel that is down
/// is logged and skipped: the user's side never waits on it.
/// </summary>
/// <param name="desk">The desk, resolved when first needed: it is built from its observers, this one among them.</param>
public sealed class TeamsHelpdeskObserver(TeamsHelpdeskChannel channel, Func<LiveHandoffDesk> desk, ILogger<TeamsHelpdeskObserver> logger) : IHandoffObserver
{
    public async Task OnChangedAsync(HandoffChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (!channel.Options.IsConfigured)
        {
            return;
        }

        try
        {
            await TellChannelAsync(change, cancellationToken);
        }
#pragma warning disable CA1031 // Whatever Teams answers (throttled, down, bot removed), the user's chat goes on.
        catch (Exception exception) when (exception is not OperationCanceledException)
#pragma warning restore CA1031
        {
            TeamsHelpdeskLog.ChannelFailed(logger, exception, change.Session.Id, change.Kind);
        }
    }

    private async Task TellChannelAsync(HandoffChange change, CancellationToken cancellationToken)
    {
        var session = change.Session;
        if (change.Kind == HandoffChangeKind.Requested)
        {
            var (newThread, cardId) = await channel.StartThreadAsync(CardMessage(session), cancellationToken);
            await desk().AttachAgentThreadAsync(session.Id, newThread, cardId, cancellationToken);
            TeamsHelpdeskLog.CardPosted(logger, session.Id);
            return;
        }

        if (session.AgentThread is not { } thread)
        {
            // Posting the card failed, or it is still on its way from another instance: nothing to update.
            return;
        }

        switch (change.Kind)
        {
            case HandoffChangeKind.Taken:
                await UpdateCardAsync(session, thread, cancellationToken);
                await channel.PostAsync(thread, MessageFactory.Text(AgentThreadMessages.Taken(session)), cancellationToken);
                break;
            case HandoffChangeKind.UserMessage when change.Message is { } line:
                await channel.PostAsync(thread, MessageFactory.Text(AgentThreadMessages.Said(line)), cancellationToken);
                break;
            case HandoffChangeKind.AgentMessage when change.Message is { } line && session.Agent?.Via != AgentChannel.Teams:
                // A Teams agent's own lines are in the thread already; the console's are copied so the thread tells it all.
                await channel.PostAsync(thread, MessageFactory.Text(AgentThreadMessages.Said(line)), cancellationToken);
                break;
            case HandoffChangeKind.Ended:
                await UpdateCardAsync(session, thread, cancellationToken);
                await channel.PostAsync(thread, MessageFactory.Text(AgentThreadMessages.Ended(session)), cancellationToken);
                break;
        }
    }

    private async Task UpdateCardAsync(HandoffSession session, ConversationReference thread, CancellationToken cancellationToken)
    {
        if (session.AgentCardActivityId is { Length: > 0 } cardId)
        {
            await channel.UpdateAsync(thread, cardId, CardMessage(session), cancellationToken);
        }
    }

    private static Activity CardMessage(HandoffSession session) => MessageFactory.AdaptiveCard(AgentThreadCard.For(session));
}
