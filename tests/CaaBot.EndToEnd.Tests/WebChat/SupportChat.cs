using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace CaaBot.EndToEnd.Tests.WebChat;

/// <summary>
/// The support conversation as a user sees it in Web Chat: waits (with deadlines, never fixed sleeps) for what the bot
/// shows in the transcript, types, clicks suggested actions and card buttons. Every failure says what the transcript
/// showed and what the host printed.
/// </summary>
internal sealed class SupportChat(WebChatSession session, string name, Func<string> describeHost)
{
    public const string CardButtons = "button.ac-pushButton";
    private const string Transcript = ".webchat__basic-transcript";
    private const string Activities = ".webchat__basic-transcript__activity";
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    public static TimeSpan Patience { get; } = TimeSpan.FromSeconds(30);

    public IPage Page => session.Page;

    /// <inheritdoc cref="WebChatSession.FailedPolls"/>
    public int FailedPolls => session.FailedPolls;

    /// <summary>
    /// The bot's text bubbles (one &lt;p&gt; per paragraph) that contain <paramref name="text"/>. Web Chat's Markdown
    /// typesets quotes (I'm → I’m, "x" → “x”), so either form matches.
    /// </summary>
    public ILocator BotMessages(string text) => Page.Locator($"{Transcript} {WebChatPageTests.BotBubbles}", new() { HasTextRegex = Typeset(text) });

    /// <summary>The Adaptive Cards in the transcript whose text matches <paramref name="text"/>.</summary>
    public ILocator Cards(Regex text) => Page.Locator($"{Transcript} .ac-adaptiveCard", new() { HasTextRegex = text });

    /// <summary>Cards matching <paramref name="text"/> that still have buttons: the unanswered ones.</summary>
    public ILocator OpenCards(Regex text) => Cards(text).Filter(new() { Has = Page.Locator(CardButtons) });

    public async Task<ILocator> WaitForBotMessageAsync(string text, CancellationToken cancellationToken, TimeSpan? patience = null)
    {
        var messages = BotMessages(text);
        await UntilAsync(async () => await messages.CountAsync() > 0, $"a bot message containing \"{text}\"", patience ?? Patience, cancellationToken);
        return messages.Last;
    }

    public async Task<ILocator> WaitForOpenCardAsync(Regex text, CancellationToken cancellationToken, TimeSpan? patience = null)
    {
        var cards = OpenCards(text);
        await UntilAsync(async () => await cards.CountAsync() > 0, $"a card with buttons matching /{text}/", patience ?? Patience, cancellationToken);
        return cards.Last;
    }

    /// <summary>Types <paramref name="text"/> into the send box, presses Enter and waits for the user's own bubble.</summary>
    public async Task SendAsync(string text, CancellationToken cancellationToken)
    {
        var sendBox = Page.Locator(WebChatPageTests.SendBox);
        var mine = Page.Locator($"{Transcript} {WebChatPageTests.UserBubbles}").Filter(new() { HasTextRegex = new Regex($"^{Regex.Escape(text)}$") });
        var before = await mine.CountAsync();
        await sendBox.FillAsync(text);
        await sendBox.PressAsync("Enter");
        await UntilAsync(async () => await mine.CountAsync() > before, $"the user's message \"{text}\" in the transcript", Patience, cancellationToken);
    }

    /// <summary>Clicks the suggested action titled <paramref name="title"/> (Web Chat shows them above the send box).</summary>
    public async Task ClickSuggestedActionAsync(string title, CancellationToken cancellationToken)
    {
        var action = Page.Locator("button.webchat__suggested-action", new() { HasText = title });
        await UntilAsync(async () => await action.CountAsync() > 0, $"a suggested action \"{title}\"", Patience, cancellationToken);
        await action.First.ClickAsync();
    }

    /// <summary>Clicks the button titled <paramref name="title"/> on <paramref name="card"/>.</summary>
    public async Task ClickCardButtonAsync(ILocator card, string title, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(card);
        var button = card.Locator(CardButtons, new() { HasTextRegex = new Regex($"^\\s*{Regex.Escape(title)}\\s*$") });
        await UntilAsync(async () => await button.CountAsync() == 1, $"exactly one button \"{title}\" on the card", Patience, cancellationToken);
        await button.ClickAsync();
    }

    /// <summary>Where <paramref name="element"/> sits among the transcript's activities (0 = oldest), or -1.</summary>
    public Task<int> PositionInTranscriptAsync(ILocator element)
    {
        ArgumentNullException.ThrowIfNull(element);
        return element.EvaluateAsync<int>(
            $"(node, selector) => [...document.querySelectorAll(selector)].indexOf(node.closest(selector))", Activities);
    }

    /// <summary>Waits until <paramref name="condition"/> holds; on timeout throws with the transcript and the host's output.</summary>
    public async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan patience, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(condition);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(patience);
        try
        {
            while (!await condition())
            {
                await Task.Delay(Interval, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{name}: gave up after {patience.TotalSeconds:0} s waiting for {what}.{Environment.NewLine}{await DescribeAsync()}");
        }
    }

    /// <summary>What the transcript shows right now, page errors and the host's recent output: for failure messages.</summary>
    public async Task<string> DescribeAsync()
    {
        string transcript;
        try
        {
            transcript = await Page.Locator(Transcript).InnerTextAsync(new() { Timeout = 5_000 });
        }
        catch (PlaywrightException exception)
        {
            transcript = $"(could not read the transcript: {exception.Message})";
        }

        string pageStatus;
        try
        {
            pageStatus = await Page.Locator("#caabot-status").InnerTextAsync(new() { Timeout = 2_000 });
        }
        catch (PlaywrightException exception)
        {
            pageStatus = $"(could not read it: {exception.Message})";
        }

        return $"--- {name} transcript:{Environment.NewLine}{transcript}{Environment.NewLine}page status line: \"{pageStatus}\"{Environment.NewLine}"
            + $"{session.Describe()}{describeHost()}";
    }

    public Task ScreenshotAsync(string step) => session.ScreenshotAsync($"{name}-{step}");

    public void AssertNoPageErrors() => session.AssertNoPageErrors();

    private static Regex Typeset(string text) =>
        new(Regex.Escape(text).Replace("'", "['‘’]", StringComparison.Ordinal).Replace("\"", "[\"“”]", StringComparison.Ordinal));
}
