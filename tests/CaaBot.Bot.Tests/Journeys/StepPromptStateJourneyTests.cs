using System.Text;
using CaaBot.Bot.Dialogs;
using CaaBot.Knowledge.Playbooks;
using CaaBot.Protocol;
using static CaaBot.Bot.Tests.Journeys.JourneyCards;

namespace CaaBot.Bot.Tests.Journeys;

/// <summary>
/// A step card is rebuilt from the playbook when it is shown again, so the conversation state of a step holds a
/// reference to the step instead of the card.
/// </summary>
public sealed class StepPromptStateJourneyTests
{
    private const string ConversationKey = "conv/test/conversation-1";

    [Fact]
    public async Task Troubleshoot_UnrecognizedAnswerOnAStep_ShowsTheSameStepCardAgain()
    {
        await using var bot = await SupportBotHarness.CreateAsync();
        var steps = bot.Playbook("caa20004").UserStepsFor(PlaybookPlatform.Windows);
        string? shown = null;
        await bot.Flow()
            .Send("0xCAA20004 on windows").AssertReplyContains("sign-in waiting for approval")
            .AssertReply(card =>
            {
                Step(1, steps.Count, steps[0].Title)(Assert.Single(card.Attachments!).Content!.Value);
                shown = ProtocolJson.Serialize(card.Attachments);
            })
            .Send("hmm")
            .AssertReply(retry =>
            {
                Assert.Equal(GuidedFixDialog.StepRetryText, retry.Text);
                Assert.Equal(shown, ProtocolJson.Serialize(retry.Attachments));
            })
            .SubmitLatestCard(actionTitle: "Still broken, next step").AssertReply(UpdateContaining("still broken"))
            .AssertCard(Step(2, steps.Count, steps[1].Title))
            .StartTestAsync();
    }

    [Fact]
    public async Task Troubleshoot_StepCardOnScreen_ConversationStateHoldsAReferenceNotTheCard()
    {
        await using var bot = await SupportBotHarness.CreateAsync();
        var first = bot.Playbook("caa20003").UserStepsFor(PlaybookPlatform.Windows)[0];
        await bot.Flow()
            .Send("hi").AssertReplyContains("error code")
            .Send("0xCAA20003 on windows").AssertReply(TriageDialog.AskAffectedDevicePrompt)
            .Send("no").AssertReplyContains("0xCAA20003").AssertCard(Containing(first.Title))
            .StartTestAsync();

        var stored = Encoding.UTF8.GetString((await bot.Store.ReadAsync(ConversationKey, CancellationToken.None))!.Content.Span);
        Assert.DoesNotContain("AdaptiveCard", stored, StringComparison.Ordinal);
        Assert.DoesNotContain(first.Title, stored, StringComparison.Ordinal);
        Assert.Contains($"\"stepId\":\"{first.Id}\"", stored, StringComparison.Ordinal);
        // With the card inline the state was about 4,000 bytes.
        Assert.InRange(stored.Length, 1, 1_600);
    }
}
