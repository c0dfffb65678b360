using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using CaaBot.Bot.Insights.Reports;

namespace CaaBot.Web.HelpdeskConsole.Insights;

/// <summary>
/// Renders <c>/helpdesk/insights</c>: static markup, the period and paths in a JSON data block (not executed), scripts
/// from this origin only (<c>chart.umd.js</c> and the page's own <c>insights.js</c>), which fetch the figures from the
/// JSON API and draw them.
/// </summary>
public static class InsightsPage
{
    /// <summary>Nothing inline, nothing from elsewhere: the page's script and styles come from this origin.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    public static string Render(InsightPeriod period, string pathBase)
    {
        var html = HtmlEncoder.Default;
        var console = pathBase + HelpdeskConsolePolicy.Prefix;
        // The default JSON encoder escapes <, > and & too, so the data block cannot be closed early.
        var settings = JsonSerializer.Serialize(new { api = console + "/api/insights", csv = console + "/api/insights.csv" });
        var from = Day(period.From);
        var to = Day(period.To);
        return $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <link rel="icon" href="data:,">
            <title>Insights · CaaBot helpdesk</title>
            <link rel="stylesheet" href="{html.Encode(console)}/insights/insights.css">
            <script type="application/json" id="caabot-insights-config">{settings}</script>
            </head>
            <body>
            <header><h1>Insights</h1><p>Cases that started in the chosen period, and what became of them so far.</p></header>
            <form id="period" method="get" action="{html.Encode(console)}/insights">
            <label>From <input type="date" name="from" id="from" value="{from}" required></label>
            <label>Until (not included) <input type="date" name="to" id="to" value="{to}" required></label>
            <button type="submit">Show</button>
            <a id="csv" href="{html.Encode(console)}/api/insights.csv?from={from}&amp;to={to}" download>Export CSV</a>
            </form>
            <div id="status" role="status"></div>
            <section class="summary" aria-label="Summary">
            <div><span class="figure" id="cases">–</span> cases</div>
            <div><span class="figure" id="share">–</span> resolved without a person</div>
            <div><span class="figure" id="escalated">–</span> escalated</div>
            <div><span class="figure" id="rating">–</span> average rating</div>
            <div><span class="figure" id="fixTime">–</span> median time to a fix (p90 <span id="fixTimeP90">–</span>)</div>
            </section>
            <section class="charts">
            <figure><figcaption>Cases per error code</figcaption><div class="chart"><canvas id="chart-codes" role="img" aria-label="Cases per error code"></canvas></div></figure>
            <figure><figcaption>Resolved without a person, per playbook</figcaption><div class="chart"><canvas id="chart-playbooks" role="img" aria-label="Resolved without a person per playbook"></canvas></div></figure>
            <figure><figcaption>Which step fixes most</figcaption><div class="chart"><canvas id="chart-steps" role="img" aria-label="Cases fixed per step"></canvas></div></figure>
            <figure><figcaption>Escalations per playbook and code</figcaption><div class="chart"><canvas id="chart-escalations" role="img" aria-label="Escalations per playbook and code"></canvas></div></figure>
            <figure><figcaption>Ratings</figcaption><div class="chart"><canvas id="chart-ratings" role="img" aria-label="Ratings per star"></canvas></div></figure>
            <figure class="wide"><figcaption>Per day</figcaption><div class="chart"><canvas id="chart-days" role="img" aria-label="Cases per day"></canvas></div></figure>
            </section>
            <section>
            <h2>Steps</h2>
            <table id="steps"><thead><tr><th>Playbook</th><th>Step</th><th>Cases that reached it</th><th>Cases it fixed</th><th>Fix rate</th></tr></thead><tbody></tbody></table>
            </section>
            <script src="{html.Encode(console)}/chart.umd.js"></script>
            <script src="{html.Encode(console)}/insights/insights.js"></script>
            </body>
            </html>
            """;
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
