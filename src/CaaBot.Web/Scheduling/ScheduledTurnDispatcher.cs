using System.Net;
using CaaBot.Conversations.Scheduling;
using CaaBot.Conversations.Turns;
using CaaBot.DirectLine.Conversations;
using CaaBot.Protocol.Authentication;
using CaaBot.Protocol.Connector;
using CaaBot.Protocol.Schema;
using CaaBot.Web.Authentication;
using CaaBot.Web.Channels;
using CaaBot.Web.DirectLine;

namespace CaaBot.Web.Scheduling;

/// <summary>
/// Runs a due scheduled turn in the conversation it belongs to: web chat conversations through the self-hosted
/// Direct Line (the message lands in the conversation's history), everything else through the Bot Connector of the
/// stored <c>serviceUrl</c> — only one a validated request came from, when tokens are in use.
/// </summary>
public sealed class ScheduledTurnDispatcher(
    TurnProcessor turnProcessor,
    IBot bot,
    ConnectorClient connector,
    IServiceUrlTrust serviceUrlTrust,
    ChannelRequestAuthenticator authenticator,
    IServiceProvider services,
    TimeProvider timeProvider,
    ILogger<ScheduledTurnDispatcher> logger) : IScheduledTurnDispatcher
{
    public async Task<ScheduledTurnOutcome> DispatchAsync(ScheduledTurn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var activity = turn.ToActivity(timeProvider.GetUtcNow());
        var conversationId = activity.Conversation?.Id;
        if (conversationId is not { Length: > 0 })
        {
            return ScheduledTurnOutcome.Impossible;
        }

        var (channel, verdict) = await ChannelForAsync(activity, conversationId, cancellationToken);
        if (channel is null)
        {
            return verdict;
        }

        try
        {
            await turnProcessor.ProcessAsync(activity, channel, new ScheduledTurnBot(bot, turn), cancellationToken);
            return ScheduledTurnOutcome.Ran;
        }
        catch (ConnectorException exception) when (exception.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
        {
            // Blocked, uninstalled, or removed from the chat: there is nobody to tell, now or later.
            SchedulingLog.RecipientGone(logger, turn.Id, (int)exception.StatusCode!.Value);
            return ScheduledTurnOutcome.RecipientGone;
        }
    }

    /// <summary>The channel to run the turn through, or null with the reason it cannot run.</summary>
    private async Task<(IActivityChannel? Channel, ScheduledTurnOutcome Verdict)> ChannelForAsync(Activity activity, string conversationId, CancellationToken cancellationToken)
    {
        if (activity.ChannelId == DirectLineConversations.ChannelId)
        {
            if (services.GetService<DirectLineConversations>() is not { } conversations)
            {
                return (null, ScheduledTurnOutcome.Impossible);
            }

            return await conversations.FindAsync(conversationId, cancellationToken) is null
                ? (null, ScheduledTurnOutcome.RecipientGone)
                : (new DirectLineActivityChannel(conversations, conversationId), ScheduledTurnOutcome.Ran);
        }

        if (!Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var serviceUrl) || serviceUrl.Scheme is not ("http" or "https"))
        {
            SchedulingLog.NoChannelAddress(logger, activity.ChannelId ?? "unknown");
            return (null, ScheduledTurnOutcome.Impossible);
        }

        if (authenticator.AnonymousAccess == AnonymousAccess.TokenRequired && !await serviceUrlTrust.IsTrustedAsync(serviceUrl, cancellationToken))
        {
            // The trust window passed (or the reference never came from a validated request): our token stays home.
            SchedulingLog.UntrustedServiceUrl(logger, serviceUrl.Host);
            return (null, ScheduledTurnOutcome.Impossible);
        }

        return (new ConnectorActivityChannel(connector, serviceUrl, conversationId), ScheduledTurnOutcome.Ran);
    }
}
