using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CaaBot.Bot.Cards;
using CaaBot.Bot.Dialogs;
using CaaBot.Bot.Insights;
using CaaBot.Conversations.Testing.Time;
using CaaBot.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CaaBot.Web.Tests.HelpdeskConsole.Insights;

/// <summary>The insights page, JSON and CSV over the real host, with insight events on its real stream store.</summary>
public sealed class HelpdeskInsightsApiTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 15, 0, 0, TimeSpan.Zero);
    private const string Password = "grace's long passphrase";

    private readonly CaaBotHost _host = new(
        settings: new Dictionary<string, string?>
        {
            ["CaaBot:Helpdesk:Console:Accounts:0:UserName"] = "grace",
            ["CaaBot:Helpdesk:Console:Accounts:0:DisplayName"] = "Grace Lead",
            ["CaaBot:Helpdesk:Console:Accounts:0:PasswordHash"] = CaaBot.Web.HelpdeskConsole.Authentication.ConsolePasswordHasher.Hash(Password),
        },
        overrides: services => services.AddSingleton<TimeProvider>(new ManualTimeProvider(Now)));

    public void Dispose()
    {
        _host.Dispose();
        _host.DeleteData();
    }

    [Theory]
    [InlineData("/helpdesk/insights", HttpStatusCode.Redirect)]
    [InlineData("/helpdesk/insights/insights.js", HttpStatusCode.Redirect)]
    [InlineData("/helpdesk/chart.umd.js", HttpStatusCode.Redirect)]
    [InlineData("/helpdesk/api/insights", HttpStatusCode.Unauthorized)]
    [InlineData("/helpdesk/api/insights.csv", HttpStatusCode.Unauthorized)]
    public async Task Insights_NoSignedInAgent_IsRefused(string path, HttpStatusCode refusal)
    {
        using var response = await new ConsoleBrowser(_host).GetAsync(path);

        Assert.Equal(refusal, response.StatusCode);
        Assert.DoesNotContain("caa20003", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_Period_AnswersTheFiguresOfCasesStartedInIt()
    {
        await SeedAsync();

        using var response = await (await AgentAsync()).GetAsync(new Uri("/helpdesk/api/insights?from=2026-11-02&to=2026-11-04", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var report = json.RootElement;
        Assert.Equal("2026-11-02", report.GetProperty("period").GetProperty("from").GetString());
        Assert.Equal(3, report.GetProperty("cases").GetInt32());
        Assert.Equal(2, report.GetProperty("resolvedWithoutPerson").GetInt32());
        var codes = report.GetProperty("casesPerCode").EnumerateArray().Select(row => (row.GetProperty("code").GetString(), row.GetProperty("cases").GetInt32()));
        Assert.Equal([("0xCAA20003", 2), ("none", 1)], codes);
        var top = report.GetProperty("steps")[0];
        Assert.Equal(("s2", "Clear the token cache", 2), (top.GetProperty("stepId").GetString(), top.GetProperty("stepTitle").GetString(), top.GetProperty("casesFixed").GetInt32()));
        var playbook = report.GetProperty("playbooks")[0];
        Assert.Equal(("caa20003", 1.0), (playbook.GetProperty("playbook").GetString(), playbook.GetProperty("shareResolvedWithoutPerson").GetDouble()));
        Assert.Equal(480, report.GetProperty("fixedByBot").GetProperty("medianSeconds").GetDouble());
        Assert.Equal([0, 0, 0, 1, 1], report.GetProperty("ratings").GetProperty("perStar").EnumerateArray().Select(star => star.GetInt32()));
        Assert.Equal(2, report.GetProperty("days").GetArrayLength());
    }

    [Fact]
    public async Task Api_NoPeriod_DefaultsToTheLast30DaysUpToToday()
    {
        var report = await (await AgentAsync()).GetFromJsonAsync<JsonElement>(new Uri("/helpdesk/api/insights", UriKind.Relative));

        Assert.Equal("2026-11-01", report.GetProperty("period").GetProperty("from").GetString());
        Assert.Equal("2026-12-01", report.GetProperty("period").GetProperty("to").GetString());
        Assert.Equal(30, report.GetProperty("days").GetArrayLength());
    }

    [Theory]
    [InlineData("from=yesterday", "'from' must be a date written YYYY-MM-DD")]
    [InlineData("from=2026-11-31", "'from' must be a date written YYYY-MM-DD")]
    [InlineData("to=11/30/2026", "'to' must be a date written YYYY-MM-DD")]
    [InlineData("from=2026-11-10&to=2026-11-10", "'from' must be before 'to'")]
    [InlineData("from=2024-01-01&to=2026-01-01", "longer than 366 days")]
    public async Task Api_BadPeriod_Is400SayingWhy(string query, string reason)
    {
        foreach (var path in new[] { "/helpdesk/api/insights?", "/helpdesk/api/insights.csv?" })
        {
            using var response = await (await AgentAsync()).GetAsync(new Uri(path + query, UriKind.Relative));

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Contains(reason, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Csv_Period_IsAnAttachmentWithQuotedFormulaSafeCells()
    {
        await SeedAsync();

        using var response = await (await AgentAsync()).GetAsync(new Uri("/helpdesk/api/insights.csv?from=2026-11-02&to=2026-11-04", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("caabot-insights-2026-11-02-to-2026-11-04.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n");
        Assert.Equal("section,playbook,code,step_id,step_title,day,metric,value", lines[0]);
        Assert.Contains("summary,,,,,,cases,3", lines);
        Assert.Contains("step,caa20003,,s2,Clear the token cache,,cases_fixed,2", lines);
        // A hostile step title (an admin's typo or worse) stays one inert, quoted cell.
        Assert.Contains("step,caa20003,,s1,\"'=HYPERLINK(\"\"http://x\"\",\"\"a, b\"\")\",,cases_answered,2", lines);
        Assert.Contains("day,,,,,2026-11-03,cases,1", lines);
        Assert.Contains("fixed_by_bot,,,,,,median_seconds,480", lines);
    }

    [Fact]
    public async Task Page_SignedInAgent_IsStaticMarkupWithAStrictContentSecurityPolicy()
    {
        using var response = await (await AgentAsync()).GetAsync(new Uri("/helpdesk/insights?from=2026-11-02&to=2026-11-04", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("value=\"2026-11-02\"", html, StringComparison.Ordinal);
        Assert.Contains("<script src=\"/helpdesk/chart.umd.js\"></script>", html, StringComparison.Ordinal);
        // Every script element either loads from this origin or is a JSON data block; none runs inline.
        Assert.All(
            html.Split("<script").Skip(1),
            script => Assert.True(script.StartsWith(" src=", StringComparison.Ordinal) || script.StartsWith(" type=\"application/json\"", StringComparison.Ordinal), script));
    }

    [Fact]
    public async Task Page_BadPeriod_RendersTheDefaultsInstead()
    {
        var html = await (await AgentAsync()).GetStringAsync(new Uri("/helpdesk/insights?from=%22%3E%3Cscript%3Ealert(1)%3C/script%3E", UriKind.Relative));

        Assert.Contains("value=\"2026-11-01\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("alert(1)", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assets_SignedInAgent_ServesTheScriptsAndChartJs()
    {
        var client = await AgentAsync();

        using var chart = await client.GetAsync(new Uri("/helpdesk/chart.umd.js", UriKind.Relative));
        var script = await client.GetStringAsync(new Uri("/helpdesk/insights/insights.js", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, chart.StatusCode);
        Assert.Equal("text/javascript", chart.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Chart.js v4", await chart.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("new window.Chart(", script, StringComparison.Ordinal);
    }

    private async Task<HttpClient> AgentAsync() => (await ConsoleBrowser.SignedInAsync(_host, "grace", Password)).Client;

    /// <summary>Nov 2: two caa20003 cases fixed at s2 (4 and 12 minutes, rated 4 and 5). Nov 3: no code, escalated. Nov 4: outside the period.</summary>
    private async Task SeedAsync()
    {
        var stream = _host.Services.GetRequiredService<InsightStream>();
        var day = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
        InsightEvent[] events =
        [
            new CaseStartedInsight("a", day, "0xCAA20003", "caa20003", "msteams", null),
            new StepAnsweredInsight("a", day, "caa20003", "s1", "=HYPERLINK(\"http://x\",\"a, b\")", StepOutcome.StillBroken),
            new StepAnsweredInsight("a", day, "caa20003", "s2", "Clear the token cache", StepOutcome.Fixed),
            new CaseFixedInsight("a", day.AddMinutes(4), "caa20003", "s2", "Clear the token cache", TimeSpan.FromMinutes(4)),
            new CaseRatedInsight("a", day.AddMinutes(4), 5),
            new CaseStartedInsight("b", day.AddHours(1), "0xCAA20003", "caa20003", "directline", null),
            new StepAnsweredInsight("b", day.AddHours(1), "caa20003", "s1", "=HYPERLINK(\"http://x\",\"a, b\")", StepOutcome.StillBroken),
            new StepAnsweredInsight("b", day.AddHours(1), "caa20003", "s2", "Clear the token cache", StepOutcome.Fixed),
            new CaseFixedInsight("b", day.AddHours(1).AddMinutes(12), "caa20003", "s2", "Clear the token cache", TimeSpan.FromMinutes(12)),
            new CaseRatedInsight("b", day.AddHours(1).AddMinutes(12), 4),
            new CaseStartedInsight("c", day.AddDays(1), null, null, "msteams", null),
            new CaseEscalatedInsight("c", day.AddDays(1), null, null, EscalationReason.NoGuide),
            new CaseStartedInsight("d", day.AddDays(2), "0xCAA20003", "caa20003", "msteams", null),
        ];
        foreach (var insight in events)
        {
            await stream.AppendAsync(insight, CancellationToken.None);
        }
    }
}
