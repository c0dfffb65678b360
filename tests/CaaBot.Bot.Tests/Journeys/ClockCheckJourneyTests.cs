using CaaBot.Bot.Dialogs;
using CaaBot.Knowledge.Playbooks;
using static CaaBot.Bot.Tests.Journeys.JourneyCards;

namespace CaaBot.Bot.Tests.Journeys;

/// <summary>0xCAA20003 is most often a wrong clock: checked before step 1 when the user chats from the affected PC.</summary>
public sealed class ClockCheckJourneyTests
{
    [Theory]
    [InlineData(7, "Your PC's clock is 7 minutes ahead.")]
    [InlineData(-125, "Your PC's clock is 2 hours 5 minutes behind.")]
    public async Task Troubleshoot_Caa20003FromTheAffectedPc_PointsOutASkewedClockBeforeStep1(int skewMinutes, string expected)
    {
        await using var bot = await SupportBotHarness.CreateAsync();
        var steps = bot.Playbook("caa20003").UserStepsFor(PlaybookPlatform.Windows);
        var yesFromThePc = bot.Adapter.MakeMessage("yes") with { LocalTimestamp = SupportBotHarness.Start.AddMinutes(skewMinutes).ToOffset(TimeSpan.FromHours(1)) };

        await bot.Flow()
            .Send("0xCAA20003")
            .AssertReply(TriageDialog.AskWhereErrorShowsPrompt)
            .Send("Windows PC")
            .AssertReply(TriageDialog.AskAffectedDevicePrompt)
            .Send(yesFromThePc)
            .AssertReply(reply => Assert.StartsWith($"⚠ {expected}", reply.Text, StringComparison.Ordinal))
            .AssertReplyContains("authorization blocked")
            .AssertCard(Step(1, steps.Count, steps[0].Title))
            .StartTestAsync();

        Assert.Contains((await bot.StoredCaseAsync())!.Findings, finding => finding.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Troubleshoot_Caa20003ClockInSync_SaysSoAndGoesOn()
    {
        await using var bot = await SupportBotHarness.CreateAsync();
        var yesFromThePc = bot.Adapter.MakeMessage("yes") with { LocalTimestamp = SupportBotHarness.Start.AddSeconds(40) };

        await bot.Flow()
            .Send("I get CAA20003 on my windows laptop")
            .AssertReply(TriageDialog.AskAffectedDevicePrompt)
            .Send(yesFromThePc)
            .AssertReplyContains("clock looks right")
            .AssertReplyContains("authorization blocked")
            .AssertCard()
            .StartTestAsync();
    }

    [Fact]
    public async Task Troubleshoot_Caa20003FromAnotherDevice_DoesNotJudgeThisDevicesClock()
    {
        await using var bot = await SupportBotHarness.CreateAsync();
        var noFromThePhone = bot.Adapter.MakeMessage("no") with { LocalTimestamp = SupportBotHarness.Start.AddHours(5) };

        await bot.Flow()
            .Send("0xCAA20003 on windows")
            .AssertReply(TriageDialog.AskAffectedDevicePrompt)
            .Send(noFromThePhone)
            .AssertReplyContains("authorization blocked")
            .AssertCard()
            .StartTestAsync();

        Assert.DoesNotContain((await bot.StoredCaseAsync())!.Findings, finding => finding.Contains("Clock", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Troubleshoot_Caa20003OnAPhone_DoesNotAskAboutTheClock()
    {
        await using var bot = await SupportBotHarness.CreateAsync();
        await bot.Flow()
            .Send("0xCAA20003 on my mac")
            .AssertReply(TriageDialog.AskAffectedDevicePrompt)
            .StartTestAsync();

        await bot.FlowInNewConversation("other")
            .Send("start over").AssertReply("Sure, let's start again.").AssertReply(TriageDialog.GreetingPrompt)
            .Send("0xCAA20004 on windows")
            .AssertReplyContains("sign-in waiting for approval")
            .StartTestAsync();
    }
}
