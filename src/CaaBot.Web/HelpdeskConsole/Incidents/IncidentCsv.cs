using System.Globalization;
using System.Text;
using CaaBot.Helpdesk.Connectors;
using CaaBot.Helpdesk.Incidents;

namespace CaaBot.Web.HelpdeskConsole.Incidents;

/// <summary>
/// Everyone linked to an incident as CSV, one person per row, oldest first, for the helpdesk's own follow-up (a mail
/// to everyone affected, a count per device): <c>reported_at_utc,name,user_id,channel,device,steps_tried,case_id,linked</c>.
/// </summary>
public static class IncidentCsv
{
    public const string Header = "reported_at_utc,name,user_id,channel,device,steps_tried,case_id,linked";

    public static string Write(Incident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var csv = new StringBuilder().Append(Header).Append("\r\n");
        foreach (var report in incident.Affected.OrderBy(report => report.ReportedAt))
        {
            var steps = string.Join("; ", report.Steps.Select(step => $"{step.Title}: {TicketSummary.Outcome(step.Outcome)}"));
            csv.AppendJoin(
                ',',
                report.ReportedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                ConsoleCsv.Cell(report.UserName),
                ConsoleCsv.Cell(report.UserId),
                ConsoleCsv.Cell(report.ChannelId),
                ConsoleCsv.Cell(report.Device),
                ConsoleCsv.Cell(steps),
                ConsoleCsv.Cell(report.CaseId),
                report.Joined ? "joined" : "own_ticket_before")
                .Append("\r\n");
        }

        return csv.ToString();
    }
}
