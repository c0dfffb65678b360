using CaaBot.Bot.Dialogs;
using CaaBot.Knowledge.Playbooks;
using static CaaBot.Bot.Tests.Journeys.JourneyCards;

namespace CaaBot.Bot.Tests.Journeys;

/// <summary>An admin edits a playbook while someone is in the middle of it: their conversation must not break.</summary>
public sealed class PlaybookChangeJourneyTests
{
    private const string NewFirstStep = """
        ## Step: Restart your computer
        > by: user · minutes: 5

        1. Save your work and restart the computer.
        2. Open Teams and try to sign in again.


        """;

    [Fact]
    public async Task Troubleshoot_PlaybookEditedMidFlow_KeepsTheRevisionTheUserStartedWith()
    {
        await using var bot = await SupportBotHarness.CreateWithEditablePlaybooksAsync();
        var original = bot.Playbook("caa20004").UserStepsFor(PlaybookPlatform.Windows);
        await bot.Flow()
            .Send("0xCAA20004 on windows").AssertReplyContains("sign-in waiting for approval")
            .AssertCard(Step(1, original.Count, original[0].Title))
            .SubmitLatestCard(actionTitle: "Still broken, next step").AssertReply(UpdateContaining("still broken"))
            .AssertCard(Step(2, original.Count, original[1].Title))
            .Do("insert a new first step and reload", token => InsertFirstStepAsync(bot, token))
            .SubmitLatestCard(actionTitle: "Still broken, next step").AssertReply(UpdateContaining("still broken"))
            .AssertCard(Step(3, original.Count, original[2].Title))
            .StartTestAsync();

        Assert.Equal(original.Count + 1, bot.Playbook("caa20004").UserStepsFor(PlaybookPlatform.Windows).Count);
    }

    [Fact]
    public async Task Troubleshoot_PinnedRevisionNoLongerKept_ContinuesAtTheSameStepOfTheNewRevision()
    {
        await using var bot = await SupportBotHarness.CreateWithEditablePlaybooksAsync();
        var original = bot.Playbook("caa20004").UserStepsFor(PlaybookPlatform.Windows);
        await bot.Flow()
            .Send("0xCAA20004 on windows").AssertReplyContains("sign-in waiting for approval")
            .AssertCard(Step(1, original.Count, original[0].Title))
            .SubmitLatestCard(actionTitle: "Still broken, next step").AssertReply(UpdateContaining("still broken"))
            .AssertCard(Step(2, original.Count, original[1].Title))
            .Do("insert a new first step and reload", token => InsertFirstStepAsync(bot, token))
            .AdvanceClock(TimeSpan.FromHours(25)) // past the catalog's revision retention (24 h)
            .SubmitLatestCard(actionTitle: "Still broken, next step")
            .AssertReply(UpdateContaining("still broken"))
            .AssertReply(GuidedFixDialog.GuideUpdatedMessage)
            .AssertCard(Step(4, original.Count + 1, original[2].Title))
            .StartTestAsync();
    }

    [Fact]
    public async Task Troubleshoot_StepOnScreenRemovedFromThePlaybook_RestartsTheGuideWithAnExplanation()
    {
        await using var bot = await SupportBotHarness.CreateWithEditablePlaybooksAsync();
        var original = bot.Playbook("caa20004").UserStepsFor(PlaybookPlatform.Windows);
        await bot.Flow()
            .Send("0xCAA20004 on windows").AssertReplyContains("sign-in waiting for approval")
            .AssertCard(Step(1, original.Count, original[0].Title))
            .Do("remove the first step and reload", async token =>
            {
                var path = Path.Combine(bot.PlaybookFolder, "caa20004.md");
                var text = await File.ReadAllTextAsync(path, token);
                var start = text.IndexOf("## Step: Look for a silent multi-factor prompt", StringComparison.Ordinal);
                var end = text.IndexOf("## Step:", start + 5, StringComparison.Ordinal);
                await File.WriteAllTextAsync(path, text.Remove(start, end - start), token);
                await bot.Catalog.ReloadAsync(token);
            })
            .AdvanceClock(TimeSpan.FromHours(25))
            .SubmitLatestCard(actionTitle: "Still broken, next step")
            .AssertReply(UpdateContaining("still broken"))
            .AssertReply(GuidedFixDialog.GuideRestartedMessage)
            .AssertCard(Step(1, original.Count - 1, original[1].Title))
            .StartTestAsync();
    }

    [Fact]
    public async Task Troubleshoot_UnclearAnswerAfterThePinnedRevisionIsGone_RepeatsTheQuestionInWordsAndTheCardStillWorks()
    {
        await using var bot = await SupportBotHarness.CreateWithEditablePlaybooksAsync();
        var original = bot.Playbook("caa20004").UserStepsFor(PlaybookPlatform.Windows);
        await bot.Flow()
            .Send("0xCAA20004 on windows").AssertReplyContains("sign-in waiting for approval")
            .AssertCard(Step(1, original.Count, original[0].Title))
            .Do("insert a new first step and reload", token => InsertFirstStepAsync(bot, token))
            .AdvanceClock(TimeSpan.FromHours(25)) // the step card can no longer be rebuilt from its revision
            .Send("hmm")
            .AssertReply(retry =>
            {
                Assert.Equal(GuidedFixDialog.StepRetryText, retry.Text);
                Assert.Null(retry.Attachments);
            })
            .SubmitCard(0, actionTitle: "Still broken, next step")
            .AssertReply(UpdateContaining("still broken"))
            .AssertReply(GuidedFixDialog.GuideUpdatedMessage)
            .AssertCard(Step(3, original.Count + 1, original[1].Title))
            .StartTestAsync();
    }

    [Fact]
    public async Task Troubleshoot_PlaybookDeletedMidFlow_ApologisesAndOffersTheHelpdesk()
    {
        await using var bot = await SupportBotHarness.CreateWithEditablePlaybooksAsync();
        await bot.Flow()
            .Send("0xCAA20004 on windows").AssertReplyContains("sign-in waiting for approval").AssertCard()
            .Do("delete the playbook and reload", async token =>
            {
                File.Delete(Path.Combine(bot.PlaybookFolder, "caa20004.md"));
                await bot.Catalog.ReloadAsync(token);
            })
            .AdvanceClock(TimeSpan.FromHours(25))
            .SubmitLatestCard(actionTitle: "Still broken, next step")
            .AssertReply(UpdateContaining("still broken"))
            .AssertReply(GuidedFixDialog.GuideRemovedMessage)
            .AssertReplyContains("I don't have a guide that fits")
            .AssertCard(Containing("Here is what I will send to the helpdesk"))
            .StartTestAsync();
    }

    private static async Task InsertFirstStepAsync(SupportBotHarness bot, CancellationToken cancellationToken)
    {
        var path = Path.Combine(bot.PlaybookFolder, "caa20004.md");
        var text = await File.ReadAllTextAsync(path, cancellationToken);
        var firstStep = text.IndexOf("## Step:", StringComparison.Ordinal);
        await File.WriteAllTextAsync(path, text.Insert(firstStep, NewFirstStep), cancellationToken);
        await bot.Catalog.ReloadAsync(cancellationToken);
    }
}
