using System.Text.Json;
using CaaBot.Conversations.Scheduling;
using CaaBot.Helpdesk.Handoff;

namespace CaaBot.Bot.LiveChat;

/// <summary>
/// The user's side of a live chat: what the agent does reaches the user's conversation as a scheduled turn, due
/// now, so it is durable, runs on whichever instance is free, goes through the usual channel (Teams, web chat) and
/// is said once (one turn id per change).
/// </summary>
public sealed class LiveChatRelay(TurnScheduler scheduler, TimeProvider timeProvider) : IHandoffObserver
{
    public const string EventName = "caabot/liveChat";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public async Task OnChangedAsync(HandoffChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var session = change.Session;
        if (session.Request.Conversation is not { Conversation.Id: { Length: > 0 }, ChannelId: { Length: > 0 } } reference)
        {
            return;
        }

        var news = change.Kind switch
        {
            HandoffChangeKind.Taken => new LiveChatNews(session.Id, change.Kind, AgentName(session)),
            HandoffChangeKind.AgentMessage => new LiveChatNews(session.Id, change.Kind, AgentName(session)) { Text = change.Message?.Text },

            // The user ended it themselves and was told so in that turn.
            HandoffChangeKind.Ended when session.End != HandoffEnd.UserLeft =>
                new LiveChatNews(session.Id, change.Kind, AgentName(session)) { End = session.End, TicketNumber = session.TicketNumber },
            _ => null,
        };
        if (news is null)
        {
            return;
        }

        var id = $"handoff/{session.Id}/{change.Kind}/{change.MessageSequence}";
        await scheduler.ScheduleAsync(
            new ScheduledTurn(id, timeProvider.GetUtcNow(), reference, EventName, JsonSerializer.SerializeToElement(news, JsonOptions)),
            cancellationToken);
    }

    /// <summary>The news a scheduled turn carries, or null when its value is not one.</summary>
    public static LiveChatNews? Read(ScheduledTurn scheduled)
    {
        ArgumentNullException.ThrowIfNull(scheduled);
        return scheduled.ValueAs<LiveChatNews>(JsonOptions);
    }

    private static string AgentName(HandoffSession session) => session.Agent?.DisplayName is { Length: > 0 } name ? name : "The helpdesk agent";
}
