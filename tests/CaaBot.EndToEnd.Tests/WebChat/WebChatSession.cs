using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace CaaBot.EndToEnd.Tests.WebChat;

/// <summary>One fresh browser context with the chat page open; collects page errors and saves screenshots.</summary>
internal sealed class WebChatSession : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly ConcurrentQueue<string> _errors = new();

    private WebChatSession(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.PageError += (_, error) => _errors.Enqueue($"page error: {error}");
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _errors.Enqueue($"console error: {message.Text}");
            }
        };
    }

    public IPage Page { get; }

    public static string ScreenshotDirectory => Path.Combine(AppContext.BaseDirectory, "webchat-screenshots");

    public static async Task<WebChatSession> OpenAsync(IBrowser browser, Uri url, ViewportSize? viewport)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = viewport ?? new ViewportSize { Width = 1024, Height = 768 },
            // axe-core is injected as a script tag, which the page's own CSP (script-src 'self') would refuse.
            BypassCSP = true,
        });
        var session = new WebChatSession(context, await context.NewPageAsync());
        await session.Page.GotoAsync(url.ToString());
        return session;
    }

    public async Task ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        await Page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDirectory, $"{name}.png"), FullPage = true });
    }

    public string Describe() => $"page errors: {string.Join(Environment.NewLine, _errors)}{Environment.NewLine}";

    public void AssertNoPageErrors() => Assert.True(_errors.IsEmpty, Describe());

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
