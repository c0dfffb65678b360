using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CaaBot.Conversations.Scheduling;
using CaaBot.Helpdesk.Connectors;
using CaaBot.Helpdesk.Incidents;
using CaaBot.Helpdesk.Tickets;

namespace CaaBot.Bot.Incidents;

/// <summary>
/// Ticket news with incidents in mind: when an incident ticket is resolved (or closed), the incident is closed and every
/// person linked to it gets one scheduled turn saying so, in their own conversation; ids are derived from the incident and
/// the case, so a repeated status (two pollers, a retried push) tells nobody twice. All other news goes to
/// <paramref name="inner"/> (the ticket's own requester).
/// </summary>
public sealed class IncidentTicketUpdates(ITicketUpdates inner, IncidentRecords incidents, TurnScheduler scheduler, TimeProvider timeProvider) : ITicketUpdates
{
    /// <summary>Name of the scheduled event that tells a linked person their incident is fixed.</summary>
    public const string EventName = "caabot/incidentResolved";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public async Task PublishAsync(TicketUpdate update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (update is not { Kind: TicketUpdateKind.StatusChanged, Status.Status: TicketStatus.Resolved or TicketStatus.Closed }
            || await incidents.ResolveAsync(update.Ticket.Number, cancellationToken) is not { } incident)
        {
            await inner.PublishAsync(update, cancellationToken);
            return;
        }

        var now = timeProvider.GetUtcNow();
        var news = JsonSerializer.SerializeToElement(new IncidentNews(incident.Number, update.Ticket.Request.ErrorCode), JsonOptions);
        foreach (var person in incident.Affected)
        {
            if (person.Conversation is { Conversation.Id: { Length: > 0 }, ChannelId: { Length: > 0 } } reference)
            {
                await scheduler.ScheduleAsync(new ScheduledTurn(IdFor(incident.Number, person.CaseId), now, reference, EventName, news), cancellationToken);
            }
        }
    }

    /// <summary>The news as the scheduled event carries it, or null when the value is not one.</summary>
    public static IncidentNews? Read(ScheduledTurn scheduled)
    {
        ArgumentNullException.ThrowIfNull(scheduled);
        return scheduled.ValueAs<IncidentNews>(JsonOptions);
    }

    private static string IdFor(string number, string caseId)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(caseId)))[..24];
        return $"incident/{new string([.. number.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-').Take(64)])}/resolved/{hash}";
    }
}
