using CaaBot.Conversations.Turns;
using CaaBot.Helpdesk.Handoff;
using CaaBot.Protocol.Schema;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CaaBot.Bot.LiveChat.Teams;

/// <summary>
/// What agents do in the helpdesk channel: <em>Take</em>, <em>Hand back</em> and <em>Close</em> on an escalation card;
/// replies in a chat's thread (to the user, from the agent who took it only); "available" and "away" elsewhere in the
/// channel. Only messages from the configured channel of the configured tenant count; everywhere else the bot is the
/// support bot.
/// </summary>
public sealed class HelpdeskChannelAgents(
    LiveHandoffDesk desk,
    AgentPresence presence,
    IOptions<TeamsHelpdeskOptions> options,
    IOptions<LiveChatOptions> liveChatOptions,
    ILogger<HelpdeskChannelAgents> logger)
{
    private static readonly HashSet<string> AvailableWords = new(StringComparer.OrdinalIgnoreCase) { "available", "i'm available", "i am available", "here", "online", "on" };
    private static readonly HashSet<string> AwayWords = new(StringComparer.OrdinalIgnoreCase) { "away", "i'm away", "i am away", "unavailable", "offline", "off", "gone" };
    private static readonly HashSet<string> HandBackWords = new(StringComparer.OrdinalIgnoreCase) { "hand back", "handback", "hand back to the bot", "hand back to bot", "back to the bot" };
    private static readonly HashSet<string> CloseWords = new(StringComparer.OrdinalIgnoreCase) { "close", "close chat", "close the chat", "end chat" };

    private readonly TeamsHelpdeskOptions _options = options.Value;

    /// <summary>True when <paramref name="activity"/> comes from the configured helpdesk channel and tenant.</summary>
    public bool IsFromHelpdeskChannel(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return _options.IsConfigured
            && activity.ChannelId == Channels.MsTeams
            && string.Equals(TeamsChannelData.ChannelIdOf(activity), _options.ChannelId, StringComparison.Ordinal)
            && string.Equals(TeamsChannelData.TenantIdOf(activity), _options.TenantId, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Handles a message from the helpdesk channel; false for anything else (the support bot answers it).</summary>
    public async Task<bool> TryHandleAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var activity = turnContext.Activity;
        if (activity.Type != ActivityTypes.Message || !IsFromHelpdeskChannel(activity))
        {
            return false;
        }

        var agent = AgentOf(activity);
        var reply = AgentCardSubmit.Read(activity) is { } click
            ? await OnCardClickAsync(click, agent, cancellationToken)
            : await OnTextAsync(activity, agent, cancellationToken);
        if (reply is not null)
        {
            await turnContext.SendActivityAsync(reply, cancellationToken);
        }

        return true;
    }

    /// <summary>Who is speaking, as the desk knows them: the Entra object id when Teams gives one (stable across devices), else the Teams id.</summary>
    public static HandoffAgent AgentOf(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var from = activity.From;
        var id = from?.AadObjectId is { Length: > 0 } objectId ? objectId : from?.Id ?? "unknown";
        return new HandoffAgent("teams:" + id, from?.Name is { Length: > 0 } name ? name : "Helpdesk agent", AgentChannel.Teams);
    }

    private async Task<string?> OnCardClickAsync(AgentCardSubmit click, HandoffAgent agent, CancellationToken cancellationToken)
    {
        if (click.Action == AgentCardSubmit.Take)
        {
            var (outcome, session) = await desk.TakeAsync(click.SessionId, agent, cancellationToken);

            // Done: the card update and the thread's notice say it (the observer), for everybody.
            return outcome switch
            {
                HandoffOutcome.Done => null,
                HandoffOutcome.TakenByAnother => Refuse(session!, agent, outcome, AgentThreadMessages.TakenByAnother(session!)),
                _ => AgentThreadMessages.AlreadyEnded,
            };
        }

        var current = await desk.FindAsync(click.SessionId, cancellationToken);
        return current is null ? AgentThreadMessages.AlreadyEnded : await EndAsync(current, agent, click.Action == AgentCardSubmit.Close ? HandoffEnd.Closed : HandoffEnd.HandedBack, cancellationToken);
    }

    private async Task<string?> OnTextAsync(Activity activity, HandoffAgent agent, CancellationToken cancellationToken)
    {
        var text = activity.RemoveRecipientMention()?.Trim() ?? string.Empty;
        var word = text.TrimEnd('.', '!');
        if (activity.Conversation?.Id is { Length: > 0 } conversationId && await desk.FindByAgentThreadAsync(conversationId, cancellationToken) is { } session)
        {
            return await OnThreadReplyAsync(session, agent, text, word, cancellationToken);
        }

        if (AvailableWords.Contains(word))
        {
            var lasting = liveChatOptions.Value.TeamsPresence;
            await presence.HereAsync(agent, lasting, cancellationToken);
            TeamsHelpdeskLog.Presence(logger, agent.Id, "available");
            return AgentThreadMessages.Available(agent.DisplayName, lasting);
        }

        if (AwayWords.Contains(word))
        {
            await presence.GoneAsync(agent.Id, cancellationToken);
            TeamsHelpdeskLog.Presence(logger, agent.Id, "away");
            return AgentThreadMessages.Away(agent.DisplayName);
        }

        // The helpdesk channel is for agents: the support bot's troubleshooting stays out of it.
        return AgentThreadMessages.PresenceHelp;
    }

    private async Task<string?> OnThreadReplyAsync(HandoffSession session, HandoffAgent agent, string text, string word, CancellationToken cancellationToken)
    {
        if (HandBackWords.Contains(word) || CloseWords.Contains(word))
        {
            return await EndAsync(session, agent, CloseWords.Contains(word) ? HandoffEnd.Closed : HandoffEnd.HandedBack, cancellationToken);
        }

        if (text.Length == 0)
        {
            return null;
        }

        var outcome = await desk.AgentSaysAsync(session.Id, agent.Id, text, cancellationToken);
        return outcome switch
        {
            HandoffOutcome.Done => null,
            HandoffOutcome.NotYours => Refuse(session, agent, outcome, AgentThreadMessages.NotYours(session)),
            HandoffOutcome.NotTaken => AgentThreadMessages.TakeFirst,
            HandoffOutcome.Invalid => AgentThreadMessages.TooLong,
            _ => AgentThreadMessages.AlreadyEnded,
        };
    }

    /// <summary>Ends the chat for the agent who took it; anyone else is told who has it.</summary>
    private async Task<string?> EndAsync(HandoffSession session, HandoffAgent agent, HandoffEnd end, CancellationToken cancellationToken)
    {
        switch (session)
        {
            case { IsOpen: false }:
                return AgentThreadMessages.AlreadyEnded;
            case { State: HandoffState.Waiting }:
                return AgentThreadMessages.TakeFirst;
            case { Agent.Id: var owner } when owner != agent.Id:
                return Refuse(session, agent, HandoffOutcome.NotYours, AgentThreadMessages.NotYours(session));
        }

        var (outcome, ended) = await desk.EndAsync(session.Id, end, agent.Id, cancellationToken);
        return outcome switch
        {
            HandoffOutcome.Done => null,
            HandoffOutcome.NotYours => Refuse(ended!, agent, outcome, AgentThreadMessages.NotYours(ended!)),
            _ => AgentThreadMessages.AlreadyEnded,
        };
    }

    private string Refuse(HandoffSession session, HandoffAgent agent, HandoffOutcome outcome, string message)
    {
        TeamsHelpdeskLog.Refused(logger, session.Id, agent.Id, outcome);
        return message;
    }
}
