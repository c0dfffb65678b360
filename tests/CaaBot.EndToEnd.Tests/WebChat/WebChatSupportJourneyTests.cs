using System.Text.RegularExpressions;
using CaaBot.Bot;
using CaaBot.Bot.Dialogs;
using CaaBot.EndToEnd.Tests.Infrastructure;
using CaaBot.Knowledge.Playbooks;
using static CaaBot.EndToEnd.Tests.WebChat.Caa20003Journey;

namespace CaaBot.EndToEnd.Tests.WebChat;

/// <summary>
/// The real support bot in the official Web Chat (Debian's Chromium, Playwright) against the real host process: the
/// whole 0xCAA20003 journey by typing and clicking, over the WebSocket and by polling, with every answered card
/// replaced in place by a record without buttons; and a resume code carrying a case from one browser to another.
/// Screenshots of the key moments go to the test output's <c>webchat-screenshots</c> folder.
/// </summary>
public sealed partial class WebChatSupportJourneyTests(WebChatHostFixture host) : IClassFixture<WebChatHostFixture>
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromMinutes(3);

    [Theory]
    [InlineData("websocket")]
    [InlineData("polling")]
    public async Task Journey_0xCAA20003TypedAndClicked_FixedAtStep2ConfirmedAndRated(string transport)
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        var cancellationToken = timeout.Token;
        var steps = await HostPlaybooks.UserStepsAsync("caa20003", PlaybookPlatform.Windows, cancellationToken);
        await using var session = await WebChatSession.OpenAsync(await host.BrowserAsync(), ChatUrl(transport), viewport: null);
        var chat = new SupportChat(session, $"journey-{transport}", host.DescribeHost);

        await chat.WaitForBotMessageAsync(SupportBot.Welcome, cancellationToken);
        await chat.ScreenshotAsync("1-welcome");
        var firstCard = await TriageToStep1Async(chat, steps, cancellationToken);
        await chat.ScreenshotAsync("2-step1");

        var step2 = await AnswerStepAsync(chat, firstCard, 1, steps, "Still broken, next step", "✖ still broken", cancellationToken);
        await chat.ScreenshotAsync("3-step1-answered-step2");

        var confirm = await AnswerStepAsync(chat, step2, 2, steps, "That fixed it", "✔ fixed it", cancellationToken);
        Assert.Contains(steps[1].Title, await confirm.InnerTextAsync(), StringComparison.Ordinal);
        await chat.ScreenshotAsync("4-confirm");

        await chat.ClickCardButtonAsync(confirm, "Yes", cancellationToken);
        await chat.WaitForBotMessageAsync(SupportDialog.FixedMessage, cancellationToken);
        var rating = await chat.WaitForOpenCardAsync(new Regex("How much did I help\\?"), cancellationToken);
        await chat.UntilAsync(
            async () => await chat.OpenCards(ConfirmCard).CountAsync() == 0 && await chat.Cards(new Regex("Can you sign in to Teams now\\? — ✔ yes")).CountAsync() == 1,
            "the answered \"Can you sign in\" card to become the record \"… — ✔ yes\"", SupportChat.Patience, cancellationToken);

        await chat.ClickCardButtonAsync(rating, "4 ★", cancellationToken);
        await chat.WaitForBotMessageAsync(SupportDialog.RatingThanks, cancellationToken);
        await chat.UntilAsync(async () => await chat.Cards(new Regex("4 of 5")).CountAsync() == 1, "the rating card to become the record \"… (4 of 5)\"", SupportChat.Patience, cancellationToken);
        await chat.ScreenshotAsync("5-rated");

        // Nothing answered can be pressed again: every card in the transcript is now a record.
        Assert.True(await chat.Page.Locator(SupportChat.CardButtons).CountAsync() == 0, $"answered cards still have buttons.{Environment.NewLine}{await chat.DescribeAsync()}");
        Assert.Equal(0, await chat.Page.Locator("text=Send failed").CountAsync());
        chat.AssertNoPageErrors();
    }

    [Fact]
    public async Task ResumeCode_FromOneBrowserTypedInAnother_ContinuesTheCaseAtStep2()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        var cancellationToken = timeout.Token;
        var steps = await HostPlaybooks.UserStepsAsync("caa20003", PlaybookPlatform.Windows, cancellationToken);
        var browser = await host.BrowserAsync();

        // Client 1: an anonymous user on the WebSocket gets to step 2 and asks for a code.
        await using var first = await WebChatSession.OpenAsync(browser, ChatUrl("websocket"), viewport: null);
        var desk = new SupportChat(first, "resume-client1", host.DescribeHost);
        await desk.WaitForBotMessageAsync(SupportBot.Welcome, cancellationToken);
        var step1 = await TriageToStep1Async(desk, steps, cancellationToken);
        await AnswerStepAsync(desk, step1, 1, steps, "Still broken, next step", "✖ still broken", cancellationToken);
        await desk.SendAsync("resume code", cancellationToken);
        var offer = await desk.WaitForBotMessageAsync("Your code is", cancellationToken);
        var code = (await offer.Locator("strong").InnerTextAsync()).Trim();
        Assert.Matches(CodeFormat(), code);
        await desk.ScreenshotAsync("code-issued");

        // Client 2: another browser context (another anonymous user, another conversation), polling.
        await using var second = await WebChatSession.OpenAsync(browser, ChatUrl("polling"), viewport: null);
        var phone = new SupportChat(second, "resume-client2", host.DescribeHost);
        await phone.WaitForBotMessageAsync(SupportBot.Welcome, cancellationToken);
        Assert.Equal(0, await phone.Cards(new Regex("Step \\d+ of")).CountAsync());
        await phone.SendAsync(code, cancellationToken);
        await phone.WaitForBotMessageAsync(SupportInterruptions.CodeRedeemedMessage, cancellationToken);
        var carried = await phone.WaitForOpenCardAsync(StepCard(2, steps), cancellationToken);
        Assert.Contains(steps[1].Title, await carried.InnerTextAsync(), StringComparison.Ordinal);
        await phone.ScreenshotAsync("code-redeemed");

        // The case really continued there: the next click moves it to step 3 and records step 2.
        await AnswerStepAsync(phone, carried, 2, steps, "Still broken, next step", "✖ still broken", cancellationToken);
        await phone.ScreenshotAsync("continued-step3");

        // Single use: typed again (on the first client) the code is refused.
        await desk.SendAsync(code, cancellationToken);
        await desk.WaitForBotMessageAsync(SupportInterruptions.CodeNotValidMessage, cancellationToken);
        phone.AssertNoPageErrors();
        desk.AssertNoPageErrors();
    }

    private Uri ChatUrl(string transport) => new(host.Address, $"/chat?transport={transport}");

    [GeneratedRegex("^[A-Z0-9]{4}-[A-Z0-9]{4}$")]
    private static partial Regex CodeFormat();
}
