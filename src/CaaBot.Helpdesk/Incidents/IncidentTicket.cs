using System.Globalization;
using CaaBot.Helpdesk.Tickets;

namespace CaaBot.Helpdesk.Incidents;

/// <summary>The one ticket an incident files: high priority, with what the helpdesk needs to see it is an outage.</summary>
internal static class IncidentTicket
{
    public const string RequesterChannel = "caabot";
    public const string RequesterUser = "incident-detection";

    public static TicketRequest Request(string requestId, TicketRequest trigger, IReadOnlyList<IncidentReport> inWindow, IncidentOptions options)
    {
        var reports = inWindow.Count > 0 ? inWindow : [IncidentReport.From(trigger, DateTimeOffset.MinValue, joined: true)];
        var first = reports.Min(report => report.ReportedAt);
        var last = reports.Max(report => report.ReportedAt);
        var platforms = reports
            .GroupBy(report => report.Device, StringComparer.Ordinal)
            .OrderByDescending(group => group.Count())
            .ThenBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => string.Create(CultureInfo.InvariantCulture, $"{group.Key} ({group.Count()})"))
            .ToList();
        var summary = string.Create(CultureInfo.InvariantCulture, $"Possible outage: {reports.Count} people escalated {trigger.ErrorCode} within {options.Window:c} (threshold {options.Threshold}). ")
            + string.Create(CultureInfo.InvariantCulture, $"First report {first:yyyy-MM-dd HH:mm:ss} UTC, latest {last:yyyy-MM-dd HH:mm:ss} UTC. Platforms: {string.Join(", ", platforms)}. ")
            + "CaaBot links everyone who reports this code to this ticket while it is open, instead of opening a ticket each, "
            + "and tells them in their chat when this ticket is resolved. Everyone linked (who, device, steps tried) is listed "
            + "in CaaBot's helpdesk console: Incidents, this ticket's number (/helpdesk/incidents/<number>).";
        return new TicketRequest
        {
            RequestId = requestId,
            Requester = new TicketRequester(RequesterChannel, RequesterUser, "CaaBot incident detection"),
            ErrorCode = trigger.ErrorCode,
            Device = platforms.Count == 1 ? reports[0].Device : "several platforms",
            PlaybookId = trigger.PlaybookId,
            PlaybookTitle = trigger.PlaybookTitle is { } title ? "Incident: " + title : "Incident: " + trigger.ErrorCode,
            Group = trigger.Group,
            Priority = options.Priority,
            UserWords = summary,
            Findings =
            [
                string.Create(CultureInfo.InvariantCulture, $"Reports in the window: {reports.Count}"),
                "Platforms: " + string.Join(", ", platforms),
                string.Create(CultureInfo.InvariantCulture, $"First report: {first:O}"),
                string.Create(CultureInfo.InvariantCulture, $"Latest report: {last:O}"),
            ],
            Conversation = null,
        };
    }
}
