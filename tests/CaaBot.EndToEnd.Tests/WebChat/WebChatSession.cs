using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace CaaBot.EndToEnd.Tests.WebChat;

/// <summary>
/// One fresh browser context with the chat page open; collects page errors and the page's recent Direct Line requests
/// (for failure messages) and saves screenshots.
/// </summary>
internal sealed class WebChatSession : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private const int RequestsKept = 30;
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly ConcurrentQueue<string> _requests = new();
    private int _failedPolls;

    private WebChatSession(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.PageError += (_, error) => _errors.Enqueue($"page error: {error}");
        page.RequestFinished += (_, request) => Record(request, "done");
        page.RequestFailed += (_, request) =>
        {
            if (request.Url.Contains("/activities?watermark=", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _failedPolls);
            }

            Record(request, $"failed: {request.Failure}");
        };
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _errors.Enqueue($"console error: {message.Text}");
            }
        };
    }

    public IPage Page { get; }

    /// <summary>How many of DirectLineJS's polls (<c>GET …/activities?watermark=</c>) have failed so far.</summary>
    public int FailedPolls => Volatile.Read(ref _failedPolls);

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

    public string Describe() =>
        $"page errors: {string.Join(Environment.NewLine, _errors)}{Environment.NewLine}"
        + $"recent Direct Line requests:{Environment.NewLine}{string.Join(Environment.NewLine, _requests)}{Environment.NewLine}";

    public void AssertNoPageErrors() => Assert.True(_errors.IsEmpty, Describe());

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();

    private void Record(IRequest request, string outcome)
    {
        if (!request.Url.Contains("/v3/directline/", StringComparison.Ordinal))
        {
            return;
        }

        var uri = new Uri(request.Url);
        var path = uri.Query.Contains("t=", StringComparison.Ordinal) ? $"{uri.AbsolutePath}?t=(token)" : uri.PathAndQuery;
        _requests.Enqueue($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {request.Method} {path} {outcome}");
        while (_requests.Count > RequestsKept && _requests.TryDequeue(out _))
        {
        }
    }
}
