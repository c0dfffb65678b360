using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CaaBot.Bot.Cards;
using CaaBot.Bot.Insights;
using CaaBot.Bot.Support;
using CaaBot.Conversations.State;
using CaaBot.Conversations.Transcripts;
using CaaBot.Conversations.Turns;
using CaaBot.Helpdesk.Handoff;
using CaaBot.Helpdesk.Tickets;
using CaaBot.Helpdesk.Transcripts;
using CaaBot.Protocol;
using CaaBot.Protocol.Schema;
using CaaBot.Storage.Abstractions;

namespace CaaBot.Bot.LiveChat;

/// <summary>
/// The user's end of a live chat, inside the bot's turns: starting one after a ticket is filed, passing what the user
/// types to the agent instead of the dialogs, saying what the agent said (scheduled by <see cref="LiveChatRelay"/>),
/// and the rating once the agent closes. Also speaks the agent-hub protocol: emits <c>handoff.initiate</c> with the
/// transcript and honours <c>handoff.status</c>.
/// </summary>
public sealed class LiveChatConversation(LiveHandoffDesk desk, LiveChatAvailability availability, IStreamStore streams, TimeProvider timeProvider, InsightRecorder? insights = null)
{
    public const string InitiateEventName = "handoff.initiate";
    public const string StatusEventName = "handoff.status";
    public const string EndChatChoice = "End chat";

    private static readonly StateProperty<LiveChatLink?> Link =
        ConversationState.CreateProperty<LiveChatLink?>("liveChat", JsonSerializerOptions.Web, static () => null);

    private static readonly HashSet<string> EndWords = new(StringComparer.OrdinalIgnoreCase) { "end chat", "end the chat", "leave chat", "stop chat", "bye agent" };

    /// <summary>True when a person can be offered right now.</summary>
    public Task<bool> IsAgentAvailableAsync(CancellationToken cancellationToken) => availability.IsAvailableAsync(cancellationToken);

    public string ExpectedResponse => availability.Options.ExpectedResponse;

    /// <summary>True while this conversation is with, or waiting for, a person.</summary>
    public static bool IsLinked(ITurnContext turnContext) => Link.Get(turnContext) is { RatingFor: null };

    /// <summary>
    /// Queues the user for a person about <paramref name="ticket"/>. The session is created once the turn has
    /// committed (and its transcript is written), so the agent reads the conversation up to this very message.
    /// </summary>
    public async Task StartAsync(ITurnContext turnContext, Ticket ticket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(ticket);
        var activity = turnContext.Activity;
        var open = await desk.FindOpenForAsync(activity.ChannelId ?? string.Empty, activity.Conversation?.Id ?? string.Empty, cancellationToken);
        var sessionId = open?.Id ?? LiveHandoffDesk.NewSessionId();
        Link.Set(turnContext, new LiveChatLink(sessionId));
        await turnContext.SendActivityAsync(
            MessageFactory.SuggestedActions(
                "I've asked the helpdesk to join this chat. The first free agent will be with you shortly; anything you type now goes to them. Choose \"End chat\" to stop waiting.",
                [EndChatChoice]),
            cancellationToken);

        var stream = TranscriptLoggerMiddleware.StreamFor(activity);
        if (HubsMayListen(activity))
        {
            await turnContext.SendActivityAsync(await InitiateEventAsync(activity, ticket, stream, cancellationToken), cancellationToken);
        }

        var request = ticket.Request with { Conversation = ticket.Request.Conversation ?? activity.GetConversationReference() };
        turnContext.TurnState.GetRequired<TurnDelivery>().OnDelivered(async (_, token) =>
        {
            var upTo = await streams.GetLastSequenceAsync(stream, token);
            await desk.RequestAsync(sessionId, ticket.Number, request, stream, upTo, token);
        });
    }

    /// <summary>
    /// Handles a message while the conversation is with a person: passes it on, ends the chat when asked, or takes
    /// the rating after an agent closed it. False when the conversation is not in a live chat (the dialogs answer).
    /// </summary>
    public async Task<bool> TryHandleMessageAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (Link.Get(turnContext) is not { } link)
        {
            return false;
        }

        if (link.RatingFor is { } agentName)
        {
            return await TryTakeRatingAsync(turnContext, agentName, cancellationToken);
        }

        var session = await desk.FindAsync(link.SessionId, cancellationToken);
        if (session is not { IsOpen: true })
        {
            // The chat ended while the news was on its way (or never started): the bot answers again.
            Link.Delete(turnContext);
            return false;
        }

        var text = turnContext.Activity.RemoveRecipientMention()?.Trim() ?? string.Empty;
        if (EndWords.Contains(text.TrimEnd('.', '!')))
        {
            await desk.EndAsync(session.Id, HandoffEnd.UserLeft, agentId: null, cancellationToken);
            Link.Delete(turnContext);
            await turnContext.SendActivityAsync("You've left the chat with the helpdesk. Your ticket stays open. Message me any time if you need more help.", cancellationToken);
            return true;
        }

        var said = string.Join("\n", new[] { text }.Concat(SharedFileNames(turnContext.Activity)).Where(part => part.Length > 0));
        if (said.Length > 0)
        {
            await desk.UserSaysAsync(session.Id, said, cancellationToken);
        }

        if (session.State == HandoffState.Waiting && !link.ToldWaiting)
        {
            Link.Set(turnContext, link with { ToldWaiting = true });
            await turnContext.SendActivityAsync(
                MessageFactory.SuggestedActions("Still finding you an agent. They'll see everything you write here as soon as they join.", [EndChatChoice]),
                cancellationToken);
        }

        return true;
    }

    /// <summary>Says what happened on the agent's side (a scheduled turn from <see cref="LiveChatRelay"/>).</summary>
    public async Task TellAsync(ITurnContext turnContext, LiveChatNews news, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(news);
        var agent = MarkdownText.Escape(news.AgentName);
        switch (news.Kind)
        {
            case HandoffChangeKind.Taken:
                Link.Set(turnContext, new LiveChatLink(news.SessionId) { ToldWaiting = true });
                await turnContext.SendActivityAsync(
                    MessageFactory.SuggestedActions(
                        $"**{agent}** from the helpdesk has joined. You're now chatting with a person: everything you type here goes to {agent}.",
                        [EndChatChoice]),
                    cancellationToken);
                break;
            case HandoffChangeKind.AgentMessage when news.Text is { Length: > 0 } text:
                await turnContext.SendActivityAsync(MessageFactory.Text($"**{agent}:** {MarkdownText.Escape(text)}"), cancellationToken);
                break;
            case HandoffChangeKind.Ended when news.End == HandoffEnd.Closed:
                Link.Set(turnContext, new LiveChatLink(news.SessionId) { RatingFor = news.AgentName });
                await turnContext.SendActivityAsync($"{agent} has closed the chat. You're back with me, CaaBot.", cancellationToken);
                await turnContext.SendActivityAsync(
                    MessageFactory.AdaptiveCard(SupportCards.Rating(new RatingCardData($"Your chat with {news.AgentName}") { Question = "How did the helpdesk do?" })),
                    cancellationToken);
                break;
            case HandoffChangeKind.Ended when news.End == HandoffEnd.HandedBack:
                Link.Delete(turnContext);
                await turnContext.SendActivityAsync(
                    $"{agent} has left the chat and handed you back to me, CaaBot. Type an error code or tell me what's happening if you need more help.",
                    cancellationToken);
                break;
            case HandoffChangeKind.Ended:
                Link.Delete(turnContext);
                await turnContext.SendActivityAsync(
                    string.Create(CultureInfo.InvariantCulture, $"No agent could take the chat this time. Your ticket **{MarkdownText.Escape(news.TicketNumber ?? string.Empty)}** stays with the helpdesk, and they will answer it {ExpectedResponse}."),
                    cancellationToken);
                break;
        }
    }

    /// <summary>
    /// <c>handoff.status</c> from an agent hub that took the <c>handoff.initiate</c>: accepted (a person has it),
    /// failed (nobody will come) or completed (the person is done).
    /// </summary>
    public async Task OnHubStatusAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (Link.Get(turnContext) is not { RatingFor: null } link || HubStatus.Read(turnContext.Activity.Value) is not { } status)
        {
            return;
        }

        switch (status.State)
        {
            case "accepted":
                await desk.TakeAsync(link.SessionId, new HandoffAgent("hub:" + (turnContext.Activity.ChannelId ?? "unknown"), status.AgentName ?? "An agent", AgentChannel.Hub), cancellationToken);
                break;
            case "failed":
                await desk.EndAsync(link.SessionId, HandoffEnd.Failed, agentId: null, cancellationToken);
                break;
            case "completed":
                await desk.EndAsync(link.SessionId, HandoffEnd.Closed, agentId: null, cancellationToken);
                break;
        }
    }

    private async Task<bool> TryTakeRatingAsync(ITurnContext turnContext, string agentName, CancellationToken cancellationToken)
    {
        Link.Delete(turnContext);
        var stars = RatingIn(turnContext.Activity);
        if (stars is not { } rating)
        {
            // They moved on without rating: the dialogs answer whatever they said.
            return false;
        }

        // The rating is the case's: the chat with the agent was how this case ended.
        if (SupportCases.Get(turnContext) is not null)
        {
            var rated = SupportCases.Update(turnContext, timeProvider, current => current with { Rating = rating });
            insights?.CaseRated(turnContext, rated, rating);
        }

        await Dialogs.GuidedFixDialog.ReplaceClickedCardAsync(turnContext, SupportCards.Rated(new RatedData(rating)), cancellationToken);
        await turnContext.SendActivityAsync($"Thanks, I'll pass that on to {MarkdownText.Escape(agentName)}'s team. Message me any time if Teams gives you trouble again.", cancellationToken);
        return true;
    }

    private static int? RatingIn(Activity activity)
    {
        if (activity.IsCardSubmit())
        {
            try
            {
                return activity.Value!.Value.Deserialize<SupportCardSubmit>(ProtocolJson.Options) is { Action: SupportCardActions.Rate, Rating: >= 1 and <= 5 } submit ? submit.Rating : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        return int.TryParse(activity.Text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var typed) && typed is >= 1 and <= 5 ? typed : null;
    }

    private static IEnumerable<string> SharedFileNames(Activity activity) =>
        (activity.Attachments ?? [])
            .Where(attachment => attachment.ContentUrl is { Length: > 0 })
            .Select(attachment => $"[shared a file: {attachment.Name ?? "file"} {attachment.ContentUrl}]");

    /// <summary>Teams has no agent hub and refuses activities it does not know; everywhere else the event is harmless.</summary>
    private static bool HubsMayListen(Activity activity) => activity.ChannelId != Channels.MsTeams;

    private async Task<Activity> InitiateEventAsync(Activity incoming, Ticket ticket, string stream, CancellationToken cancellationToken)
    {
        var transcript = await new TicketTranscriptReader(streams).ReadAsync(stream, await streams.GetLastSequenceAsync(stream, cancellationToken), cancellationToken);
        var context = new HandoffContext(ticket.Number, ticket.Request.ErrorCode, ticket.Request.Group, ticket.Request.Priority, ticket.Request.PlaybookTitle);
        return new Activity
        {
            Type = ActivityTypes.Event,
            Name = InitiateEventName,
            Value = JsonSerializer.SerializeToElement(context, JsonSerializerOptions.Web),
            RelatesTo = incoming.GetConversationReference(),
            ReplyToId = incoming.Id,
            Timestamp = timeProvider.GetUtcNow(),
            Attachments =
            [
                new Attachment
                {
                    ContentType = "application/json",
                    Name = "Transcript",
                    Content = JsonSerializer.SerializeToElement(new JsonObject { ["activities"] = JsonNode.Parse(transcript.TranscriptJson.Span) }, JsonSerializerOptions.Web),
                },
            ],
        };
    }

    /// <summary>What <c>handoff.initiate</c> tells a hub about the case (its value).</summary>
    private sealed record HandoffContext(string TicketNumber, string? ErrorCode, string Group, string Priority, string? Playbook);

    /// <summary>The value of a <c>handoff.status</c> event.</summary>
    private sealed record HubStatus(string State, string? Message, string? AgentName)
    {
        public static HubStatus? Read(JsonElement? value)
        {
            if (value is not { ValueKind: JsonValueKind.Object } status
                || !status.TryGetProperty("state", out var state) || state.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            return new HubStatus(
                state.GetString()!.ToLowerInvariant(),
                status.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String ? message.GetString() : null,
                status.TryGetProperty("agentName", out var agent) && agent.ValueKind == JsonValueKind.String ? agent.GetString() : null);
        }
    }
}
