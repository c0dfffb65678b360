using System.Collections.Concurrent;
using System.Text.Json;
using CaaBot.Bot.Cards;
using CaaBot.Bot.Dialogs;
using CaaBot.Bot.Insights;
using CaaBot.EndToEnd.Tests.WebChat;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CaaBot.EndToEnd.Tests.HelpdeskConsole;

/// <summary>
/// <c>/helpdesk/insights</c> in Debian's headless Chromium, with its Content-Security-Policy enforced: Chart.js (the
/// bundled npm package) draws every chart from the JSON API, and nothing is refused or fails on the page.
/// </summary>
public sealed class InsightsPageChromiumTests
{
    private static readonly string[] ChartIds = ["chart-codes", "chart-playbooks", "chart-steps", "chart-escalations", "chart-ratings", "chart-days"];

    [Fact]
    public async Task InsightsPage_SignedInAgent_DrawsEveryChartFromTheApi()
    {
        await using var host = new ConsoleAppHost(new Dictionary<string, string> { ["grace"] = "Grace Lead" });
        host.StartServer();
        var today = DateTimeOffset.UtcNow;
        var stream = host.Services.GetRequiredService<InsightStream>();
        InsightEvent[] events =
        [
            new CaseStartedInsight("a", today, "0xCAA20003", "caa20003", "msteams", null),
            new StepAnsweredInsight("a", today, "caa20003", "s2", "Clear the token cache", StepOutcome.Fixed),
            new CaseFixedInsight("a", today, "caa20003", "s2", "Clear the token cache", TimeSpan.FromMinutes(6)),
            new CaseRatedInsight("a", today, 5),
            new CaseStartedInsight("b", today, "AADSTS50076", "aadsts50076", "directline", null),
            new CaseEscalatedInsight("b", today, "aadsts50076", "AADSTS50076", EscalationReason.StepsExhausted),
        ];
        foreach (var insight in events)
        {
            await stream.AppendAsync(insight, CancellationToken.None);
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(Chromium.LaunchOptions());
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 1400 },
        });
        var page = await context.NewPageAsync();
        var problems = new ConcurrentQueue<string>();
        page.PageError += (_, error) => problems.Enqueue("page error: " + error);
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                problems.Enqueue($"console {message.Type}: {message.Text}");
            }
        };
        page.RequestFailed += (_, request) => problems.Enqueue($"request failed: {request.Url} {request.Failure}");

        await host.SignInAsync(page, "grace", "/helpdesk/insights");
        var response = await page.ReloadAsync();
        Assert.Equal(200, response?.Status);
        await page.Locator("body[data-loaded]").WaitForAsync(new() { Timeout = 30_000 });

        Assert.Equal("true", await page.GetAttributeAsync("body", "data-loaded"));
        Assert.Equal("2", await page.Locator("#cases").TextContentAsync());
        Assert.Equal("50 %", await page.Locator("#share").TextContentAsync());
        var drawn = await page.EvaluateAsync<JsonElement>(
            """
            ids => ids.map(id => {
              const canvas = document.getElementById(id);
              const chart = window.Chart.getChart(canvas);
              const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
              let painted = 0;
              for (let i = 3; i < pixels.length; i += 4) { if (pixels[i] !== 0) { painted++; } }
              return { id, type: chart ? chart.config.type : null, labels: chart ? chart.data.labels : [], painted, width: canvas.width };
            })
            """,
            ChartIds);
        var charts = drawn.EnumerateArray().ToDictionary(chart => chart.GetProperty("id").GetString()!);
        Assert.All(ChartIds, id =>
        {
            var chart = charts[id];
            Assert.True(chart.GetProperty("type").ValueKind == JsonValueKind.String, $"{id} has no chart");
            Assert.True(chart.GetProperty("width").GetInt32() > 0 && chart.GetProperty("painted").GetInt32() > 100, $"{id} drew nothing: {chart}");
        });
        Assert.Equal(["0xCAA20003", "AADSTS50076"], charts["chart-codes"].GetProperty("labels").EnumerateArray().Select(label => label.GetString()).Order());
        Assert.Equal("caa20003 · Clear the token cache", charts["chart-steps"].GetProperty("labels")[0].GetString());
        Assert.Equal("line", charts["chart-days"].GetProperty("type").GetString());
        Assert.Equal("Clear the token cache", await page.Locator("#steps tbody tr td").Nth(1).TextContentAsync());
        Assert.Contains("/helpdesk/api/insights.csv?from=", await page.GetAttributeAsync("#csv", "href"), StringComparison.Ordinal);

        Directory.CreateDirectory(WebChatSession.ScreenshotDirectory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(WebChatSession.ScreenshotDirectory, "helpdesk-insights.png"), FullPage = true });
        Assert.True(problems.IsEmpty, string.Join(Environment.NewLine, problems));
    }
}
