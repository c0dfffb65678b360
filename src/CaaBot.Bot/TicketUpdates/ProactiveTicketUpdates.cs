using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CaaBot.Conversations.Scheduling;
using CaaBot.Helpdesk.Connectors;

namespace CaaBot.Bot.TicketUpdates;

/// <summary>
/// Takes news about a ticket from the helpdesk and queues it as a scheduled turn, due now, in the conversation the
/// ticket was filed from: durable (a restart does not lose it), sent once per piece of news, and said by the bot in
/// its own words (<see cref="TicketNewsMessages"/>) when the turn runs.
/// </summary>
public sealed class ProactiveTicketUpdates(TurnScheduler scheduler, TimeProvider timeProvider) : ITicketUpdates
{
    /// <summary>Name of the scheduled event that tells the user.</summary>
    public const string EventName = "caabot/ticketNews";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public async Task PublishAsync(TicketUpdate update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (update.Ticket.Request.Conversation is not { Conversation.Id: { Length: > 0 }, ChannelId: { Length: > 0 } } reference)
        {
            // Filed without a conversation to go back to (an admin tool, an import): nobody to tell.
            return;
        }

        var news = TicketNews.From(update);
        await scheduler.ScheduleAsync(
            new ScheduledTurn(IdFor(update, news), timeProvider.GetUtcNow(), reference, EventName, JsonSerializer.SerializeToElement(news, JsonOptions)),
            cancellationToken);
    }

    /// <summary>The news as the scheduled event carries it, or null when the value is not one.</summary>
    public static TicketNews? Read(ScheduledTurn scheduled)
    {
        ArgumentNullException.ThrowIfNull(scheduled);
        return scheduled.ValueAs<TicketNews>(JsonOptions);
    }

    /// <summary>One id per piece of news: the same status reported twice (a retried publish, two pollers) is told once.</summary>
    private static string IdFor(TicketUpdate update, TicketNews news)
    {
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(news, JsonOptions))))[..16];
        return $"ticket/{Sanitize(update.Ticket.Number)}/{update.Kind}/{fingerprint}";
    }

    private static string Sanitize(string number) =>
        new([.. number.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_').Take(64)]);
}
