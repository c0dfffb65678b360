using System.Text.Json;
using CaaBot.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CaaBot.EndToEnd.Tests.WebChat;

/// <summary>
/// The official Web Chat (botframework-webchat 4.18.1, served by <c>/chat</c>) in Debian's headless Chromium against the
/// real host process: it connects by WebSocket and by polling, the bot answers, it fits a phone, and axe-core finds no
/// serious or critical accessibility violations. Screenshots go to the test output's <c>webchat-screenshots</c> folder.
/// </summary>
public sealed class WebChatPageTests(WebChatHostFixture host) : IClassFixture<WebChatHostFixture>
{
    /// <summary>Web Chat renders each message three times (visible, aria-hidden, &lt;p&gt;); the bot's bubbles are these.</summary>
    internal const string BotBubbles = ".webchat__bubble:not(.webchat__bubble--from-user) p";
    internal const string UserBubbles = ".webchat__bubble--from-user p";
    internal const string SendBox = "[data-id=\"webchat-sendbox-input\"]";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("websocket")]
    [InlineData("polling")]
    public async Task Chat_TypeHi_BotAnswers(string transport)
    {
        await using var session = await WebChatSession.OpenAsync(await host.BrowserAsync(), new Uri(host.Address, $"/chat?transport={transport}"), viewport: null);
        var page = session.Page;

        await page.Locator(BotBubbles).First.WaitForAsync(new() { Timeout = (float)Patience.TotalMilliseconds });
        var botMessagesBefore = await page.Locator(BotBubbles).CountAsync();
        await page.Locator(SendBox).FillAsync("hi");
        await page.Locator(SendBox).PressAsync("Enter");

        await page.Locator(UserBubbles).Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^hi$") }).First.WaitForAsync(new() { Timeout = (float)Patience.TotalMilliseconds });
        await Poll.UntilAsync(
            async _ => await page.Locator(BotBubbles).CountAsync() > botMessagesBefore ? "answered" : null,
            Patience, () => $"the bot never answered 'hi' over {transport}.{Environment.NewLine}{session.Describe()}{host.DescribeHost()}", CancellationToken.None);
        Assert.Equal(0, await page.Locator("text=Send failed").CountAsync());
        await session.ScreenshotAsync($"chat-{transport}");
        session.AssertNoPageErrors();
    }

    [Fact]
    public async Task Chat_PhoneViewport_FitsWithoutHorizontalScrolling()
    {
        await using var session = await WebChatSession.OpenAsync(await host.BrowserAsync(), new Uri(host.Address, "/chat"), new ViewportSize { Width = 360, Height = 640 });
        var page = session.Page;
        await page.Locator(BotBubbles).First.WaitForAsync(new() { Timeout = (float)Patience.TotalMilliseconds });

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"the page is {overflow}px wider than a 360px phone screen");
        var sendBox = await page.Locator(SendBox).BoundingBoxAsync();
        Assert.NotNull(sendBox);
        Assert.True(sendBox.X >= 0 && sendBox.X + sendBox.Width <= 360 && sendBox.Y + sendBox.Height <= 640, "the send box is not fully on screen");
        await session.ScreenshotAsync("chat-phone");
        session.AssertNoPageErrors();
    }

    [Fact]
    public async Task Chat_AxeCore_NoSeriousOrCriticalViolations()
    {
        var axe = Path.Combine(TestPaths.E2eClientsDirectory, "node_modules", "axe-core", "axe.min.js");
        if (!File.Exists(axe))
        {
            throw new InvalidOperationException($"axe-core is not installed. Run `{TestPaths.SetupCommand}` from the repository root.");
        }

        await using var session = await WebChatSession.OpenAsync(await host.BrowserAsync(), new Uri(host.Address, "/chat"), viewport: null);
        var page = session.Page;
        await page.Locator(BotBubbles).First.WaitForAsync(new() { Timeout = (float)Patience.TotalMilliseconds });

        await page.AddScriptTagAsync(new() { Path = axe });
        var report = await page.EvaluateAsync<JsonElement>("async () => (await axe.run(document)).violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5) }))");
        var serious = report.EnumerateArray().Where(v => v.GetProperty("impact").GetString() is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"axe-core found serious or critical violations:{Environment.NewLine}{string.Join(Environment.NewLine, serious.Select(v => v.ToString()))}");
    }
}
