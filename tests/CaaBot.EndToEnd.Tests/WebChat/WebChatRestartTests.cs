using System.Text.RegularExpressions;
using CaaBot.Bot;
using CaaBot.EndToEnd.Tests.Infrastructure;
using CaaBot.Knowledge.Playbooks;
using Microsoft.Playwright;
using static CaaBot.EndToEnd.Tests.WebChat.Caa20003Journey;

namespace CaaBot.EndToEnd.Tests.WebChat;

/// <summary>
/// The host process is killed in the middle of a conversation and started again (same port, data folder and token
/// signing key, as after a redeployment): the official Web Chat carries on at the step the user was on, with nothing
/// for the user to do. Over the WebSocket DirectLineJS reconnects in place; in polling mode DirectLineJS stops for good
/// after a failed poll, so the page (chat.js) notices the silence and reloads itself in the same tab, which continues
/// the conversation with the token it kept.
/// </summary>
public sealed class WebChatRestartTests(WebChatHostFixture host) : IClassFixture<WebChatHostFixture>
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromMinutes(4);

    /// <summary>DirectLineJS retries a closed socket after 3–15 s, then every 20 s while the host is still down.</summary>
    private static readonly TimeSpan ReconnectPatience = TimeSpan.FromSeconds(75);

    [Fact]
    public async Task HostRestart_WebSocketAtStep2_WebChatReconnectsByItselfAndTheNextClickContinuesAtStep2()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        var cancellationToken = timeout.Token;
        var steps = await HostPlaybooks.UserStepsAsync("caa20003", PlaybookPlatform.Windows, cancellationToken);
        await using var session = await WebChatSession.OpenAsync(await host.BrowserAsync(), new Uri(host.Address, "/chat?transport=websocket"), viewport: null);
        var chat = new SupportChat(session, "restart-websocket", host.DescribeHost);
        var step2 = await ReachStep2Async(chat, steps, cancellationToken);
        await MarkThisPageAsync(chat);

        await host.RestartHostAsync(cancellationToken);
        await chat.ScreenshotAsync("1-host-restarted");

        // The same page, untouched: the click goes out with the token issued before the restart, and the bot's answer
        // arrives once DirectLineJS has reconnected the socket from its watermark.
        await AnswerStepAsync(chat, step2, 2, steps, "Still broken, next step", "✖ still broken", cancellationToken, ReconnectPatience);
        Assert.True(await IsSamePageAsync(chat), $"the page was reloaded; over the WebSocket it should reconnect in place.{Environment.NewLine}{await chat.DescribeAsync()}");
        await AssertNothingRepeatedAsync(chat, steps);
        await chat.ScreenshotAsync("2-continued-step3");
    }

    [Fact]
    public async Task HostRestart_PollingAtStep2_PageReloadsItselfInTheSameTabAndTheConversationContinuesAtStep2()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        var cancellationToken = timeout.Token;
        var steps = await HostPlaybooks.UserStepsAsync("caa20003", PlaybookPlatform.Windows, cancellationToken);
        await using var session = await WebChatSession.OpenAsync(await host.BrowserAsync(), new Uri(host.Address, "/chat?transport=polling"), viewport: null);
        var chat = new SupportChat(session, "restart-polling", host.DescribeHost);
        await ReachStep2Async(chat, steps, cancellationToken);
        await MarkThisPageAsync(chat);

        // Down long enough for one of the page's polls (about one a second) to fail: after that DirectLineJS polls no more.
        await host.StopHostAsync();
        await chat.UntilAsync(() => Task.FromResult(chat.FailedPolls > 0), "a poll to fail while the host is down", SupportChat.Patience, cancellationToken);
        await host.StartHostAsync(cancellationToken);

        // The page notices that polling has stopped and reloads itself, refreshing the token it kept for this tab: the
        // same conversation, its whole history, step 2 still open.
        await chat.UntilAsync(async () => !await IsSamePageAsync(chat), "the page to notice that polling stopped and reload itself", ReconnectPatience, cancellationToken);
        await chat.WaitForBotMessageAsync(SupportBot.Welcome, cancellationToken);
        var step2 = await chat.WaitForOpenCardAsync(StepCard(2, steps), cancellationToken);
        await chat.UntilAsync(
            async () => await chat.Cards(new Regex($"Step 1 of {steps.Count} · .* — ✖ still broken")).CountAsync() == 1,
            "the record of step 1 in the reloaded transcript", SupportChat.Patience, cancellationToken);
        await chat.ScreenshotAsync("1-reloaded-itself");

        await AnswerStepAsync(chat, step2, 2, steps, "Still broken, next step", "✖ still broken", cancellationToken);
        await AssertNothingRepeatedAsync(chat, steps);
        await chat.ScreenshotAsync("2-continued-step3");
    }

    /// <summary>Leaves a mark in the page's window object: a reload wipes it.</summary>
    private static Task MarkThisPageAsync(SupportChat chat) => chat.Page.EvaluateAsync("() => { window.caabotTestMark = true; }");

    private static async Task<bool> IsSamePageAsync(SupportChat chat)
    {
        try
        {
            return await chat.Page.EvaluateAsync<bool>("() => window.caabotTestMark === true");
        }
        catch (PlaywrightException)
        {
            return false; // the page is navigating: a reload is under way
        }
    }

    private static async Task<ILocator> ReachStep2Async(SupportChat chat, IReadOnlyList<PlaybookStep> steps, CancellationToken cancellationToken)
    {
        await chat.WaitForBotMessageAsync(SupportBot.Welcome, cancellationToken);
        var step1 = await TriageToStep1Async(chat, steps, cancellationToken);
        var step2 = await AnswerStepAsync(chat, step1, 1, steps, "Still broken, next step", "✖ still broken", cancellationToken);
        await chat.ScreenshotAsync("0-step2-before-restart");
        return step2;
    }

    /// <summary>After the restart every message is in the transcript once: nothing replayed twice, no second welcome.</summary>
    private static async Task AssertNothingRepeatedAsync(SupportChat chat, IReadOnlyList<PlaybookStep> steps)
    {
        var context = await chat.DescribeAsync();
        Assert.True(await chat.BotMessages(SupportBot.Welcome).CountAsync() == 1, $"the welcome is not shown exactly once.{Environment.NewLine}{context}");
        for (var number = 1; number <= 3; number++)
        {
            var cards = await chat.Cards(new Regex($"Step {number} of {steps.Count}")).CountAsync();
            Assert.True(cards == 1, $"step {number} is shown {cards} times.{Environment.NewLine}{context}");
        }

        Assert.Equal(0, await chat.Page.Locator("text=Send failed").CountAsync());
    }
}
