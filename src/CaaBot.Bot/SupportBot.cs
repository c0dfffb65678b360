using CaaBot.Bot.Dialogs;
using CaaBot.Bot.FollowUps;
using CaaBot.Bot.LiveChat;
using CaaBot.Bot.LiveChat.Teams;
using CaaBot.Bot.Incidents;
using CaaBot.Bot.Support;
using CaaBot.Bot.TicketUpdates;
using CaaBot.Conversations.Dialogs;
using CaaBot.Conversations.Scheduling;
using CaaBot.Conversations.State;
using CaaBot.Conversations.Turns;
using CaaBot.Protocol.Schema;

namespace CaaBot.Bot;

/// <summary>
/// The bot the host runs: welcomes people once per conversation, keeps any file the user shares with their case, and
/// hands every message to the dialog runner. Invokes it does not understand stay unanswered (the host replies 501).
/// </summary>
public sealed class SupportBot(DialogRunner dialogs, FixFollowUps followUps, TimeProvider timeProvider, LiveChatConversation? liveChat = null, HelpdeskChannelAgents? helpdeskAgents = null) : IBot
{
    public const string Welcome = "Hi, I'm CaaBot. I help when Teams won't let you sign in. Type the error code if you have one, or tell me what happens.";

    /// <summary>What the bot says once when added to a team or group chat; troubleshooting belongs in a one-to-one chat.</summary>
    public const string SharedIntroduction = "Hi, I'm CaaBot: I help when Teams won't let you sign in. Mention me with the error code here, or chat with me one-to-one to keep your details private.";

    private static readonly StateProperty<bool> Welcomed =
        ConversationState.CreateProperty("welcomed", System.Text.Json.JsonSerializerOptions.Web, static () => false);

    public async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        switch (turnContext.Activity.Type)
        {
            case ActivityTypes.ConversationUpdate when IsShared(turnContext.Activity):
                // A team channel or group chat: say hello once when the bot is added, never when people join, so the
                // bot stays quiet in shared places until someone mentions it.
                if (TheBotJoined(turnContext.Activity))
                {
                    await IntroduceOnceAsync(turnContext, cancellationToken);
                }

                break;
            case ActivityTypes.ConversationUpdate when SomeoneOtherThanTheBotJoined(turnContext.Activity):
                await WelcomeOnceAsync(turnContext, cancellationToken);
                break;
            case ActivityTypes.Event when ScheduledTurnBot.Of(turnContext) is { Name: FixFollowUps.EventName } scheduled:
                // Only turns the bot scheduled itself carry this; an event a client posts under the same name does not.
                await followUps.AskAsync(turnContext, scheduled, cancellationToken);
                break;
            case ActivityTypes.Event when ScheduledTurnBot.Of(turnContext) is { Name: ProactiveTicketUpdates.EventName } scheduled:
                if (ProactiveTicketUpdates.Read(scheduled) is { } news)
                {
                    await turnContext.SendActivityAsync(MessageFactory.Text(TicketNewsMessages.For(news)), cancellationToken);
                }

                break;
            case ActivityTypes.Event when liveChat is not null && ScheduledTurnBot.Of(turnContext) is { Name: LiveChatRelay.EventName } scheduled:
                if (LiveChatRelay.Read(scheduled) is { } liveNews)
                {
                    await liveChat.TellAsync(turnContext, liveNews, cancellationToken);
                }

                break;
            case ActivityTypes.Event when liveChat is not null && turnContext.Activity.Name == LiveChatConversation.StatusEventName:
                await liveChat.OnHubStatusAsync(turnContext, cancellationToken);
                break;
            case ActivityTypes.Message when helpdeskAgents is not null && await helpdeskAgents.TryHandleAsync(turnContext, cancellationToken):
                // An agent in the Teams helpdesk channel: taking, answering or ending a live chat, or saying they're around.
                break;
            case ActivityTypes.Message when liveChat is not null && await liveChat.TryHandleMessageAsync(turnContext, cancellationToken):
                // With (or waiting for) a person: the message went to them, not to the dialogs.
                Welcomed.Set(turnContext, true);
                break;
            case ActivityTypes.Event when ScheduledTurnBot.Of(turnContext) is { Name: IncidentTicketUpdates.EventName } scheduled:
                if (IncidentTicketUpdates.Read(scheduled) is { IncidentNumber: not null } fixedIncident)
                {
                    await turnContext.SendActivityAsync(MessageFactory.Text(IncidentMessages.Resolved(fixedIncident)), cancellationToken);
                }

                break;
            case ActivityTypes.Message:
                Welcomed.Set(turnContext, true);
                await dialogs.RunAsync(turnContext, cancellationToken);
                KeepSharedFiles(turnContext);
                break;
        }
    }

    /// <summary>
    /// Whatever step the user is on, a screenshot they send belongs to the case (and so to a ticket). Kept after the
    /// dialogs ran, so a file sent as the very first message lands in the case the triage just started.
    /// </summary>
    private void KeepSharedFiles(ITurnContext turnContext)
    {
        var files = SharedFiles.In(turnContext.Activity, timeProvider.GetUtcNow());
        if (files.Count > 0)
        {
            SupportCases.Set(turnContext, SupportCases.GetOrStart(turnContext, timeProvider).WithAttachments(files), timeProvider);
        }
    }

    private static async Task WelcomeOnceAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        // Channels repeat membership updates (Teams: install, re-add); greet a conversation only once.
        if (!Welcomed.Get(turnContext))
        {
            Welcomed.Set(turnContext, true);
            await turnContext.SendActivityAsync(
                MessageFactory.SuggestedActions(Welcome, [TriageDialog.HaveCodeChoice, TriageDialog.NoCodeChoice, TriageDialog.PersonChoice]),
                cancellationToken);
        }
    }

    private static async Task IntroduceOnceAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        if (!Welcomed.Get(turnContext))
        {
            Welcomed.Set(turnContext, true);
            await turnContext.SendActivityAsync(SharedIntroduction, cancellationToken);
        }
    }

    /// <summary>Teams channels and group chats (personal chats, the web chat and the Emulator are one-to-one).</summary>
    private static bool IsShared(Activity activity) =>
        activity.Conversation?.ConversationType is "channel" or "groupChat" || activity.Conversation?.IsGroup == true;

    private static bool TheBotJoined(Activity activity) =>
        activity.MembersAdded?.Any(member => string.Equals(member.Id, activity.Recipient?.Id, StringComparison.Ordinal)) == true;

    private static bool SomeoneOtherThanTheBotJoined(Activity activity) =>
        activity.MembersAdded?.Any(member => !string.Equals(member.Id, activity.Recipient?.Id, StringComparison.Ordinal)) == true;
}
