using CaaBot.Bot;
using CaaBot.Bot.Cards;
using CaaBot.Bot.Dialogs;
using CaaBot.Conversations.Dialogs;
using CaaBot.Conversations.Prompts;
using CaaBot.EndToEnd.Tests.Playground;
using CaaBot.Knowledge.Playbooks;
using CaaBot.Knowledge.Symptoms;

namespace CaaBot.EndToEnd.Tests;

/// <summary>
/// A whole 0xCAA20003 fix in a Teams-shaped chat through the Microsoft 365 Agents Playground, answered with card clicks
/// the way the Playground's own UI sends them. The bot's steps come from the playbook the host really loads, and every
/// card is compared with what the bot's own card factory builds for it.
/// </summary>
public sealed class GuidedFixPlaygroundTests(AgentsPlaygroundFixture fixture) : IClassFixture<AgentsPlaygroundFixture>
{
    private const string ErrorCode = "0xCAA20003";
    private const string FirstMessage = $"Teams on my Windows PC shows {ErrorCode} since I changed my password";
    private const int GivenStars = 4;

    // Generous: the first turn of a fresh process pays for JIT and for creating the SQLite database.
    private readonly PlaygroundJourney _journey = new(fixture, TimeSpan.FromSeconds(30));

    [Fact]
    public async Task Playground_Caa20003WithCardClicks_ReplacesAnsweredCardsConfirmsFixAndThanksForRating()
    {
        var playground = _journey.Client;
        var playbook = await PlaygroundJourney.LoadPlaybookAsync(ErrorCode);
        Assert.True(PlatformHints.Infer(FirstMessage) == PlaybookPlatform.Windows, $"The journey expects \"{FirstMessage}\" to name a Windows PC.");
        var steps = playbook.UserStepsFor(PlaybookPlatform.Windows);
        Assert.True(steps.Count >= 2, $"The journey needs at least two Windows steps in {playbook.SourcePath}; it has {steps.Count}.");
        var total = steps.Count;

        await playground.InstallBotAsync(CancellationToken.None);
        var welcome = await _journey.NextMessageAsync("the welcome");
        _journey.AssertText(SupportBot.Welcome, welcome);
        _journey.AssertSuggestedActions([TriageDialog.HaveCodeChoice, TriageDialog.NoCodeChoice, TriageDialog.PersonChoice], welcome);

        // The code goes straight to its guide; "Windows PC" answers where the error shows, and the guide checks the clock.
        await playground.SendTextAsync(FirstMessage, CancellationToken.None);
        var affectedDevice = await _journey.NextMessageAsync("the affected-PC question");
        _journey.AssertText(TriageDialog.AskAffectedDevicePrompt, affectedDevice);
        _journey.AssertSuggestedActions([ConfirmPrompt.YesChoice, ConfirmPrompt.NoChoice], affectedDevice);

        // "Yes" from the affected PC: the Playground stamps localTimestamp with this machine's clock, the host's own.
        await playground.ClickSuggestedActionAsync(affectedDevice, ConfirmPrompt.YesChoice, CancellationToken.None);
        _journey.AssertText(TriageDialog.ClockInSyncMessage, await _journey.NextMessageAsync("the clock check"));
        var introduction = await _journey.NextMessageAsync("the guide's introduction");
        Assert.True(
            introduction.Text is { } intro && intro.StartsWith($"**{playbook.Title}**", StringComparison.Ordinal) && intro.Contains(playbook.Summary, StringComparison.Ordinal),
            $"Expected the guide's introduction with its title and summary from {playbook.SourcePath}, but the Playground showed:{Environment.NewLine}  {introduction.Text}{_journey.Describe()}");

        // Step 1: "Still broken, next step". The card turns into its one-line record, then step 2 arrives.
        var stepOne = await _journey.NextCardAsync("step 1");
        _journey.AssertCard(SupportCards.Step(StepCardData.FromStep(steps[0], 1, total)), stepOne, "step 1");
        _journey.AssertCardShows(stepOne, $"step 1's title from {playbook.SourcePath}", MarkdownText.Escape(steps[0].Title));
        await _journey.ClickAsync(stepOne, SupportCardActions.Next);
        await _journey.ExpectReplacedAsync(stepOne, SupportCards.AnsweredStep(new AnsweredStepData(1, total, steps[0].Title, StepOutcome.StillBroken)), "step 1");

        // Step 2: "That fixed it", replaced the same way, then the confirmation.
        var stepTwo = await _journey.NextCardAsync("step 2");
        _journey.AssertCard(SupportCards.Step(StepCardData.FromStep(steps[1], 2, total)), stepTwo, "step 2");
        _journey.AssertCardShows(stepTwo, $"step 2's title from {playbook.SourcePath}", MarkdownText.Escape(steps[1].Title));
        await _journey.ClickAsync(stepTwo, SupportCardActions.Fixed);
        await _journey.ExpectReplacedAsync(stepTwo, SupportCards.AnsweredStep(new AnsweredStepData(2, total, steps[1].Title, StepOutcome.Fixed)), "step 2");

        // "Can you sign in to Teams now?" offers Yes as a button: click it. The card becomes a record of the answer, like
        // every answered card, and the fix is celebrated.
        var confirmation = await _journey.NextCardAsync("the fix confirmation");
        _journey.AssertCard(SupportCards.ConfirmFix(new ConfirmFixData(steps[1].Title)), confirmation, "the fix confirmation");
        await _journey.ClickAsync(confirmation, SupportCardActions.Yes);
        await _journey.ExpectReplacedAsync(confirmation, SupportCards.FixConfirmation(new FixConfirmationData(CanSignIn: true)), "the fix confirmation");
        _journey.AssertText(SupportDialog.FixedMessage, await _journey.NextMessageAsync("the fixed message"));

        // The rating: a click gives four stars, the card becomes the stars given, and the bot says thank you.
        var rating = await _journey.NextCardAsync("the rating card");
        _journey.AssertCard(SupportCards.Rating(new RatingCardData(playbook.Title)), rating, "the rating card");
        await playground.SubmitCardAsync(
            rating,
            rating.SubmitAction(
                action => action.DataValue("action") == SupportCardActions.Rate && action.DataValue("rating") == $"{GivenStars}",
                $"rating {GivenStars} stars"),
            inputs: null,
            CancellationToken.None);
        await _journey.ExpectReplacedAsync(rating, SupportCards.Rated(new RatedData(GivenStars)), "the rating card");
        _journey.AssertText(SupportDialog.RatingThanks, await _journey.NextMessageAsync("the thank-you"));

        // A late click on the confirmation's old button (a client that missed the update still has it) is answered
        // politely and changes nothing, so a new message afterwards starts a fresh triage (the case is closed).
        await _journey.ClickAsync(confirmation, SupportCardActions.NotYet);
        _journey.AssertText(new DialogRunnerOptions().StaleCardMessage, await _journey.NextMessageAsync("the answer to a late click on the confirmation"));
        await playground.SendTextAsync("hi", CancellationToken.None);
        _journey.AssertText(TriageDialog.GreetingPrompt, await _journey.NextMessageAsync("a fresh greeting"));
    }
}
