using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using CaaBot.Helpdesk.Incidents;
using CaaBot.Helpdesk.Connectors;

namespace CaaBot.Web.HelpdeskConsole.Incidents;

/// <summary>
/// Renders <c>/helpdesk/incidents/{number}</c>: one incident ticket and everyone linked to it (who, where, what they
/// tried, when), so the agent working the outage sees the people behind the one ticket. Static markup, no script;
/// every value from a user is HTML-encoded.
/// </summary>
public static class IncidentPage
{
    /// <summary>No script at all, styles from this origin only.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    public static string Render(string pathBase, string? number, Incident? incident)
    {
        var html = HtmlEncoder.Default;
        var console = pathBase + HelpdeskConsolePolicy.Prefix;
        var body = new StringBuilder();
        if (incident is not null)
        {
            AppendIncident(body, html, console, incident);
        }
        else if (!string.IsNullOrEmpty(number))
        {
            body.Append(CultureInfo.InvariantCulture, $"<p role=\"alert\">{html.Encode(number)} is not an incident ticket. Incident tickets are the ones CaaBot files when many people report one error code (their title starts with \"Incident:\").</p>");
        }

        return $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <link rel="icon" href="data:,">
            <title>{(incident is null ? "Incidents" : html.Encode(incident.Number) + " incident")} · CaaBot helpdesk</title>
            <link rel="stylesheet" href="{html.Encode(console)}/console.css">
            </head>
            <body>
            <header><h1>Incidents</h1><nav><a href="{html.Encode(console)}/">Live chat</a> <a href="{html.Encode(console)}/insights">Insights</a> <a href="{html.Encode(console)}/incidents" aria-current="page">Incidents</a></nav></header>
            <form method="get" action="{html.Encode(console)}/incidents">
            <label>Incident ticket <input name="number" required value="{html.Encode(number ?? string.Empty)}" placeholder="CAA-000123"></label>
            <button type="submit">Show</button>
            </form>
            {body}
            </body>
            </html>
            """;
    }

    private static void AppendIncident(StringBuilder body, HtmlEncoder html, string console, Incident incident)
    {
        var joined = incident.Affected.Count(report => report.Joined);
        body.Append(CultureInfo.InvariantCulture, $"""
            <section aria-label="Incident">
            <h2>{html.Encode(incident.Number)}: {html.Encode(Display(incident.Code))}</h2>
            <p>{(incident.IsOpen ? "Open: people who report this code now are linked here." : "Resolved: everyone linked was told in their chat.")}
            Opened {Time(incident.OpenedAt)} UTC. {incident.Affected.Count} people affected: {joined} linked after it opened,
            {incident.Affected.Count - joined} who had filed a ticket of their own just before.</p>
            <p><a href="{html.Encode(console)}/incidents/{Uri.EscapeDataString(incident.Number)}/people.csv" download>Export CSV</a></p>
            </section>
            <table>
            <thead><tr><th>Reported (UTC)</th><th>Person</th><th>Channel</th><th>Device</th><th>Steps tried</th><th>Case</th><th>Linked</th></tr></thead>
            <tbody>
            """);
        foreach (var report in incident.Affected.OrderBy(report => report.ReportedAt))
        {
            var person = string.IsNullOrWhiteSpace(report.UserName) ? report.UserId : $"{report.UserName} ({report.UserId})";
            var steps = report.Steps.Count == 0
                ? "none"
                : string.Join("; ", report.Steps.Select(step => $"{step.Title}: {TicketSummary.Outcome(step.Outcome)}"));
            body.Append(CultureInfo.InvariantCulture, $"<tr><td>{Time(report.ReportedAt)}</td><td>{html.Encode(person)}</td><td>{html.Encode(report.ChannelId)}</td><td>{html.Encode(report.Device)}</td><td>{html.Encode(steps)}</td><td>{html.Encode(report.CaseId)}</td><td>{(report.Joined ? "joined the incident" : "own ticket before it")}</td></tr>\n");
        }

        body.Append("</tbody>\n</table>");
    }

    // Codes are kept upper-cased for matching (0XCAA20003); people read and search them as 0xCAA20003.
    private static string Display(string code) => code.StartsWith("0X", StringComparison.Ordinal) ? "0x" + code[2..] : code;

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
