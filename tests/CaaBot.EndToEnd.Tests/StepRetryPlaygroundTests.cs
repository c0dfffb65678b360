using CaaBot.Bot;
using CaaBot.Bot.Cards;
using CaaBot.Bot.Dialogs;
using CaaBot.Conversations.Prompts;
using CaaBot.EndToEnd.Tests.Playground;
using CaaBot.Knowledge.Playbooks;
using CaaBot.Knowledge.Symptoms;

namespace CaaBot.EndToEnd.Tests;

/// <summary>
/// A typed answer a step card does not understand, in the Agents Playground. The bot asks again with one activity
/// holding a line of text and the card; the Playground shows those as two messages with ids of their own (and answers
/// the bot's post with 202 and no id). A click on that second card must still be taken as the answer and must replace
/// that very card, not the text above it.
/// </summary>
public sealed class StepRetryPlaygroundTests(AgentsPlaygroundFixture fixture) : IClassFixture<AgentsPlaygroundFixture>
{
    private const string FirstMessage = "Teams on my Windows PC shows 0xCAA20003";
    private const string UnclearAnswer = "banana bread";

    private readonly PlaygroundJourney _journey = new(fixture, TimeSpan.FromSeconds(30));

    [Fact]
    public async Task Playground_UnclearTypedAnswer_RetryCardArrivesApartFromItsTextAndItsClickReplacesIt()
    {
        var playground = _journey.Client;
        var playbook = await PlaygroundJourney.LoadPlaybookAsync("0xCAA20003");
        Assert.True(PlatformHints.Infer(FirstMessage) == PlaybookPlatform.Windows, $"The test expects \"{FirstMessage}\" to name a Windows PC.");
        var steps = playbook.UserStepsFor(PlaybookPlatform.Windows);
        Assert.True(steps.Count >= 2, $"The test needs at least two Windows steps in {playbook.SourcePath}; it has {steps.Count}.");

        await playground.InstallBotAsync(CancellationToken.None);
        _journey.AssertText(SupportBot.Welcome, await _journey.NextMessageAsync("the welcome"));
        await playground.SendTextAsync(FirstMessage, CancellationToken.None);
        var affectedDevice = await _journey.NextMessageAsync("the affected-PC question");
        _journey.AssertText(TriageDialog.AskAffectedDevicePrompt, affectedDevice);

        // "No": chatting from another device, so there is no clock to check; the guide starts.
        await playground.ClickSuggestedActionAsync(affectedDevice, ConfirmPrompt.NoChoice, CancellationToken.None);
        var introduction = await _journey.NextMessageAsync("the guide's introduction");
        Assert.True(
            introduction.Text?.StartsWith($"**{playbook.Title}**", StringComparison.Ordinal) == true,
            $"Expected the guide's introduction, but the Playground showed:{Environment.NewLine}  {introduction.Text}{_journey.Describe()}");
        var stepOne = await _journey.NextCardAsync("step 1");
        _journey.AssertCard(SupportCards.Step(StepCardData.FromStep(steps[0], 1, steps.Count)), stepOne, "step 1");

        await playground.SendTextAsync(UnclearAnswer, CancellationToken.None);
        _journey.AssertText(GuidedFixDialog.StepRetryText, await _journey.NextMessageAsync("the retry text"));
        var retryCard = await _journey.NextCardAsync("the retry's step card, as a message of its own");
        _journey.AssertCard(SupportCards.Step(StepCardData.FromStep(steps[0], 1, steps.Count)), retryCard, "the retry's step card");
        Assert.True(retryCard.Message.MessageId != stepOne.Message.MessageId, $"The retry card reused step 1's message id {stepOne.Message.MessageId}.{_journey.Describe()}");

        await _journey.ClickAsync(retryCard, SupportCardActions.Skip);
        await _journey.ExpectReplacedAsync(retryCard, SupportCards.AnsweredStep(new AnsweredStepData(1, steps.Count, steps[0].Title, StepOutcome.Skipped)), "the retry's step card");
        var stepTwo = await _journey.NextCardAsync("step 2");
        _journey.AssertCard(SupportCards.Step(StepCardData.FromStep(steps[1], 2, steps.Count)), stepTwo, "step 2");
    }
}
