using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using CaaBot.Bot;
using CaaBot.Bot.Cards;
using CaaBot.Bot.Dialogs;
using CaaBot.Conversations.Prompts;
using CaaBot.EndToEnd.Tests.Playground;
using CaaBot.EndToEnd.Tests.WebChat;
using CaaBot.Knowledge.Playbooks;
using Microsoft.Playwright;

namespace CaaBot.EndToEnd.Tests;

/// <summary>
/// The Playground's own web UI, in Debian's Chromium: the 0xCAA20003 journey with every card clicked in the browser
/// (still broken, that fixed it, yes, five stars). Proves that <see cref="PlaygroundClient.SubmitCardAsync"/> sends
/// what the UI sends (so the journeys without a browser click the way a person would), that the cards render with
/// their buttons, and that the UI shows the bot's replacement of each clicked card.
/// </summary>
public sealed class PlaygroundUiCardClickTests(AgentsPlaygroundFixture fixture) : IClassFixture<AgentsPlaygroundFixture>
{
    private const string FirstMessage = "Teams on my Windows PC shows 0xCAA20003";

    // Loading the UI's 9 MB bundle in a headless browser on a shared machine is slow.
    private static readonly TimeSpan UiTimeout = TimeSpan.FromSeconds(60);

    private readonly PlaygroundJourney _journey = new(fixture, TimeSpan.FromSeconds(60));

    [Fact]
    public async Task PlaygroundUi_Caa20003JourneyClickedInTheBrowser_SendsWhatTheClientSendsAndShowsEachRecord()
    {
        var playbook = await PlaygroundJourney.LoadPlaybookAsync("0xCAA20003");
        var steps = playbook.UserStepsFor(PlaybookPlatform.Windows);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(Chromium.LaunchOptions());
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        ConcurrentQueue<string> pageErrors = new();
        page.PageError += (_, error) => pageErrors.Enqueue(error);
        string Describe() => $"{Environment.NewLine}Page errors: {string.Join(Environment.NewLine, pageErrors)}{_journey.Describe()}";

        // Opening the UI opens the personal chat, which installs the bot: the welcome reaches both the UI and this client.
        await page.GotoAsync(fixture.PlaygroundAddress.ToString());
        _journey.AssertText(SupportBot.Welcome, await _journey.NextMessageAsync("the welcome, after the UI opened the chat"));
        await WaitForTextAsync(page, SupportBot.Welcome, "the welcome", Describe);

        var client = _journey.Client;
        await client.SendTextAsync(FirstMessage, CancellationToken.None);
        var affectedDevice = await _journey.NextMessageAsync("the affected-PC question");
        _journey.AssertText(TriageDialog.AskAffectedDevicePrompt, affectedDevice);
        await client.ClickSuggestedActionAsync(affectedDevice, ConfirmPrompt.NoChoice, CancellationToken.None);
        await _journey.NextMessageAsync("the guide's introduction");
        var stepOne = await _journey.NextCardAsync("step 1");
        _journey.AssertCard(SupportCards.Step(StepCardData.FromStep(steps[0], 1, steps.Count)), stepOne, "step 1");

        // The click, in the browser.
        var next = stepOne.SubmitAction(action => action.DataValue("action") == SupportCardActions.Next, "\"still broken\"");
        var button = page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = next.Title, Exact = true });
        await WaitForAsync(button, $"the \"{next.Title}\" button of step 1", Describe);
        var submit = await page.RunAndWaitForRequestAsync(
            () => button.ClickAsync(),
            request => request.Method == "POST" && new Uri(request.Url).AbsolutePath == "/_conversation/v1/submit",
            new PageRunAndWaitForRequestOptions { Timeout = (float)UiTimeout.TotalMilliseconds });
        var sent = JsonNode.Parse(submit.PostData ?? "null");
        var expected = client.SubmitBody(stepOne, next);
        Assert.True(
            JsonNode.DeepEquals(expected, sent),
            $"The UI's click sent a different body than PlaygroundClient.SubmitCardAsync would.{Environment.NewLine}UI:{Environment.NewLine}  {sent?.ToJsonString()}"
            + $"{Environment.NewLine}Client:{Environment.NewLine}  {expected.ToJsonString()}{Describe()}");

        // The bot answered the UI's click: step 1 is replaced in place, in the stream and on screen, and step 2 follows.
        var record = SupportCards.AnsweredStep(new AnsweredStepData(1, steps.Count, steps[0].Title, StepOutcome.StillBroken));
        await _journey.ExpectReplacedAsync(stepOne, record, "step 1");
        var stepTwo = await _journey.NextCardAsync("step 2");
        _journey.AssertCard(SupportCards.Step(StepCardData.FromStep(steps[1], 2, steps.Count)), stepTwo, "step 2");
        await WaitForTextAsync(page, Unescaped(SingleText(record)), "step 1's record", Describe);
        await WaitForTextAsync(page, steps[1].Title, "step 2's title", Describe);
        var stillBrokenButtons = await button.CountAsync();
        Assert.True(stillBrokenButtons == 1, $"Expected only step 2 to offer \"{next.Title}\" once step 1 was replaced; the page shows {stillBrokenButtons} such buttons.{Describe()}");

        // The rest of the 0xCAA20003 journey, every click in the browser: step 2 fixes it, the fix is confirmed, rated.
        await ClickInBrowserAsync(page, stepTwo.SubmitAction(action => action.DataValue("action") == SupportCardActions.Fixed, "\"that fixed it\""), "step 2", Describe);
        await _journey.ExpectReplacedAsync(stepTwo, SupportCards.AnsweredStep(new AnsweredStepData(2, steps.Count, steps[1].Title, StepOutcome.Fixed)), "step 2");
        var confirm = await _journey.NextCardAsync("the fix confirmation");
        _journey.AssertCardShows(confirm, "the fix confirmation", "Can you sign in to Teams now?");
        await ClickInBrowserAsync(page, confirm.SubmitAction(action => action.DataValue("action") == SupportCardActions.Yes, "\"yes\""), "the fix confirmation", Describe);
        await _journey.ExpectReplacedAsync(confirm, SupportCards.FixConfirmation(new FixConfirmationData(true)), "the fix confirmation");
        _journey.AssertText(SupportDialog.FixedMessage, await _journey.NextMessageAsync("the fixed message"));
        var rating = await _journey.NextCardAsync("the rating");
        await ClickInBrowserAsync(page, rating.SubmitAction(action => action.DataValue("rating") == "5", "5 stars"), "the rating", Describe);
        var rated = SupportCards.Rated(new RatedData(5));
        await _journey.ExpectReplacedAsync(rating, rated, "the rating");
        _journey.AssertText(SupportDialog.RatingThanks, await _journey.NextMessageAsync("the thanks"));
        await WaitForTextAsync(page, SupportDialog.RatingThanks, "the thanks", Describe);
        await WaitForTextAsync(page, Unescaped(SingleText(rated)), "the rating's record", Describe);
        var starButtons = await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "5 ★", Exact = true }).CountAsync();
        Assert.True(starButtons == 0, $"The answered rating card still shows its buttons on the page ({starButtons}).{Describe()}");
    }

    /// <summary>Clicks <paramref name="action"/>'s button (the newest one with its title) and waits for the UI to post the submit.</summary>
    private static async Task ClickInBrowserAsync(IPage page, PlaygroundCardAction action, string what, Func<string> describe)
    {
        var button = page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = action.Title, Exact = true }).Last;
        await WaitForAsync(button, $"the \"{action.Title}\" button of {what}", describe);
        await page.RunAndWaitForRequestAsync(
            () => button.ClickAsync(),
            request => request.Method == "POST" && new Uri(request.Url).AbsolutePath == "/_conversation/v1/submit",
            new PageRunAndWaitForRequestOptions { Timeout = (float)UiTimeout.TotalMilliseconds });
    }

    private static async Task WaitForTextAsync(IPage page, string text, string what, Func<string> describe) =>
        await WaitForAsync(page.GetByText(text, new PageGetByTextOptions { Exact = false }).First, what, describe);

    private static async Task WaitForAsync(ILocator locator, string what, Func<string> describe)
    {
        try
        {
            await locator.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = (float)UiTimeout.TotalMilliseconds });
        }
        catch (TimeoutException timeout)
        {
            throw new TimeoutException($"The Playground UI never showed {what} within {UiTimeout.TotalSeconds:0} s.{describe()}", timeout);
        }
    }

    private static string SingleText(JsonElement card) =>
        card.GetProperty("body").EnumerateArray().Single().GetProperty("text").GetString()!;

    /// <summary>What a TextBlock shows for markdown-escaped text: the characters without their backslashes.</summary>
    private static string Unescaped(string markdown) => markdown.Replace("\\", string.Empty, StringComparison.Ordinal);
}
