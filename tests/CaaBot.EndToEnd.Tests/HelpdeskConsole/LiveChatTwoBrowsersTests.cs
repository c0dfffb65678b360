using System.Text.RegularExpressions;
using CaaBot.Bot;
using CaaBot.Bot.Dialogs;
using CaaBot.Bot.LiveChat;
using CaaBot.EndToEnd.Tests.WebChat;
using Microsoft.Playwright;

namespace CaaBot.EndToEnd.Tests.HelpdeskConsole;

/// <summary>
/// The live hand-off as two people see it, each in their own Chromium context: the user in the web chat (the official
/// Web Chat bundle on the self-hosted Direct Line) and the agent in the helpdesk console, signed in on its sign-in page.
/// </summary>
public sealed class LiveChatTwoBrowsersTests
{
    private const string TokenSigningKey = "end-to-end tests only: a signing key of 32+ bytes";
    private static readonly TimeSpan TestTimeout = TimeSpan.FromMinutes(3);

    // What a hostile user (or a pasted error page) might type: markup that would run if the console ever put text in as HTML.
    private const string HostileLine = "<img src=x onerror=\"window.__pwned='img'\"><script>window.__pwned='script'</script> <b>still</b> broken";

    // A paste longer than the console shows of one line.
    private static readonly string LongLine = string.Concat(Enumerable.Repeat("word ", 2_000)).TrimEnd();

    [Fact]
    public async Task UserInWebChat_AgentInConsole_TakeTalkCloseRate_AndHostileTextStaysText()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        var cancellationToken = timeout.Token;
        await using var host = new ConsoleAppHost(
            new Dictionary<string, string> { ["alex"] = "Alex Moreno" },
            new Dictionary<string, string>
            {
                ["CaaBot:DirectLine:AllowAnonymous"] = "true",
                ["CaaBot:DirectLine:TokenSigningKey"] = TokenSigningKey,
                ["MicrosoftAppId"] = string.Empty,
                ["MicrosoftAppPassword"] = string.Empty,
            });
        host.StartServer();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(Chromium.LaunchOptions());

        // The agent opens the console first: being there is what makes the bot offer a person.
        await using var agentContext = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 1000 } });
        var agent = await agentContext.NewPageAsync();
        var agentProblems = new List<string>();
        agent.PageError += (_, error) => agentProblems.Add("page error: " + error);
        agent.Console += (_, message) =>
        {
            if (message.Type is "error")
            {
                agentProblems.Add("console error: " + message.Text);
            }
        };
        await host.SignInAsync(agent, "alex", "/helpdesk/");
        await Expect(agent.Locator("#agent")).ToHaveTextAsync("Signed in as Alex Moreno");
        await Expect(agent.Locator("#presence")).ToHaveTextAsync(new Regex("^Online"));

        // The user, in another context (no shared cookies), describes the problem in hostile words, asks for a person
        // and sends the summary: the words are in the ticket, the bot transcript and the summary the agent reads.
        await using var session = await WebChatSession.OpenAsync(browser, new Uri(host.Address, "/chat"), viewport: null);
        var chat = new SupportChat(session, "live-chat", () => "(in-process host)");
        await chat.WaitForBotMessageAsync(SupportBot.Welcome, cancellationToken);
        var botBubbles = chat.Page.Locator(WebChatPageTests.BotBubbles);
        var before = await botBubbles.CountAsync();
        await chat.SendAsync(HostileLine, cancellationToken);
        await chat.UntilAsync(async () => await botBubbles.CountAsync() > before, "the bot's answer to the description", SupportChat.Patience, cancellationToken);
        await chat.SendAsync("agent", cancellationToken);
        var summary = await chat.WaitForOpenCardAsync(new Regex("Send this summary and our chat to the helpdesk"), cancellationToken);
        await summary.Locator("input[type=checkbox]").CheckAsync();
        await chat.ClickCardButtonAsync(summary, "Send to helpdesk", cancellationToken);
        await chat.WaitForBotMessageAsync("Your ticket number is", cancellationToken);
        await chat.WaitForBotMessageAsync(EscalationDialog.LiveChatOffer, cancellationToken);
        await chat.ClickSuggestedActionAsync(EscalationDialog.ChatNowChoice, cancellationToken);
        await chat.WaitForBotMessageAsync("I've asked the helpdesk to join this chat.", cancellationToken);
        await chat.SendAsync(LongLine, cancellationToken);
        await chat.WaitForBotMessageAsync("Still finding you an agent.", cancellationToken);

        // The agent sees the user waiting (the page hears it over server-sent events, no reload), opens and takes it.
        var waiting = agent.Locator("#queue .entry-waiting .entry-open");
        await Expect(waiting).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await waiting.ClickAsync();
        await Expect(agent.Locator("#chat-state")).ToHaveTextAsync("Waiting for an agent.");
        // The hostile words are text in the summary and the bot transcript; the very long paste is cut, not frozen on.
        await Expect(agent.Locator("#summary dd", new() { HasText = "window.__pwned" })).ToHaveTextAsync(HostileLine);
        await Expect(agent.Locator("#transcript .line-user .line-text", new() { HasText = "window.__pwned" })).ToHaveTextAsync(HostileLine);
        var longPaste = agent.Locator("#messages .line-user .line-text");
        await Expect(longPaste).ToHaveTextAsync(new Regex("^(word ){100}.*… \\(\\d+ more characters\\)$", RegexOptions.Singleline));
        await agent.ClickAsync("#take");
        await Expect(agent.Locator("#chat-state")).ToHaveTextAsync(new Regex("^You are chatting with"));

        await chat.WaitForBotMessageAsync("Alex Moreno from the helpdesk has joined.", cancellationToken);

        // Agent → user, and user → agent, live.
        await agent.FillAsync("#say-text", "Hi, I'm looking at your ticket. Please sign out of Teams and back in.");
        await agent.ClickAsync("#say button[type=submit]");
        await chat.WaitForBotMessageAsync("Alex Moreno: Hi, I'm looking at your ticket. Please sign out of Teams and back in.", cancellationToken);
        await chat.SendAsync("That worked, thank you!", cancellationToken);
        await Expect(agent.Locator("#messages .line-user .line-text", new() { HasText = "That worked, thank you!" })).ToHaveCountAsync(1, new() { Timeout = 30_000 });

        // Nothing the user typed ran in the console, and nothing became markup.
        Assert.Null(await agent.EvaluateAsync<string?>("() => window.__pwned ?? null"));
        Assert.Equal(0, await agent.Locator("#messages img, #messages script, #messages b, #transcript img, #transcript script").CountAsync());

        // The agent closes; the user is told and rates the chat.
        await agent.ClickAsync("#close");
        await Expect(agent.Locator("#chat-state")).ToHaveTextAsync("This chat has ended.");
        await chat.WaitForBotMessageAsync("Alex Moreno has closed the chat.", cancellationToken);
        var rating = await chat.WaitForOpenCardAsync(new Regex("How did the helpdesk do\\?"), cancellationToken);
        await chat.ClickCardButtonAsync(rating, "5 ★", cancellationToken);
        await chat.WaitForBotMessageAsync("Thanks, I'll pass that on to Alex Moreno's team.", cancellationToken);
        await Expect(agent.Locator("#queue .entry-open")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        await chat.ScreenshotAsync("rated");
        await agent.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(WebChatSession.ScreenshotDirectory, "helpdesk-live-chat.png"), FullPage = true });

        Assert.Empty(agentProblems);
        chat.AssertNoPageErrors();
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
