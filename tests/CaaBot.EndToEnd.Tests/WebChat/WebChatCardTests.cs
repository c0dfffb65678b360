using Microsoft.Playwright;

namespace CaaBot.EndToEnd.Tests.WebChat;

/// <summary>
/// Card buttons in the official Web Chat: the click reaches the bot as a card submit, and the bot's update (the same
/// activity id) replaces the card in place, so the answered card has no buttons left. WebSocket and polling.
/// </summary>
public sealed class WebChatCardTests(WebChatCardTests.BrowserAndHost fixture) : IClassFixture<WebChatCardTests.BrowserAndHost>
{
    private static readonly float Patience = 30_000;

    [Theory]
    [InlineData("websocket")]
    [InlineData("polling")]
    public async Task CardButton_Click_ReachesBotAndCardIsReplacedInPlace(string transport)
    {
        await using var session = await WebChatSession.OpenAsync(await fixture.BrowserAsync(), new Uri(fixture.Host.Address, $"/chat?transport={transport}"), viewport: null);
        var page = session.Page;

        var button = page.Locator("button.ac-pushButton", new() { HasText = "Yes, this PC" });
        await button.WaitForAsync(new() { Timeout = Patience });
        await session.ScreenshotAsync($"card-{transport}-before");
        await button.ClickAsync();

        await page.Locator(WebChatPageTests.BotBubbles, new() { HasText = CardJourneyBot.Confirmation }).First.WaitForAsync(new() { Timeout = Patience });
        await page.Locator(WebChatPageTests.BotBubbles, new() { HasText = CardJourneyBot.Answered }).First.WaitForAsync(new() { Timeout = Patience });
        Assert.Equal(0, await page.Locator("button.ac-pushButton").CountAsync());
        Assert.Equal(0, await page.GetByText(CardJourneyBot.Question).CountAsync());
        await session.ScreenshotAsync($"card-{transport}-after");
        session.AssertNoPageErrors();
    }

    /// <summary>The in-process card host and a Chromium of its own.</summary>
    public sealed class BrowserAndHost : IAsyncLifetime
    {
        private IPlaywright? _playwright;
        private IBrowser? _browser;

        public CardBotHost Host { get; } = new();

        public Task InitializeAsync()
        {
            Host.Start();
            return Task.CompletedTask;
        }

        public async Task<IBrowser> BrowserAsync()
        {
            _playwright ??= await Playwright.CreateAsync();
            return _browser ??= await _playwright.Chromium.LaunchAsync(Chromium.LaunchOptions());
        }

        public async Task DisposeAsync()
        {
            if (_browser is not null)
            {
                await _browser.DisposeAsync();
            }

            _playwright?.Dispose();
            await Host.DisposeAsync();
        }
    }
}
