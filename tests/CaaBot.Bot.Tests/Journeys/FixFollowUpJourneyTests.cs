using CaaBot.Bot.Cards;
using CaaBot.Bot.Dialogs;
using CaaBot.Bot.FollowUps;
using CaaBot.Bot.Support;
using CaaBot.Conversations.Scheduling;
using CaaBot.Conversations.Testing;
using CaaBot.Knowledge.Playbooks;
using CaaBot.Protocol.Schema;
using static CaaBot.Bot.Tests.Journeys.JourneyCards;

namespace CaaBot.Bot.Tests.Journeys;

/// <summary>"Did the fix hold?": the check the next working day after a confirmed fix, and what each answer leads to.</summary>
public sealed class FixFollowUpJourneyTests
{
    // SupportBotHarness.Start is Monday 23 Nov 2026, 09:00 UTC; the test user's client reports no time zone (UTC).
    private static readonly DateTimeOffset TuesdayTen = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    /// <summary>0xCAA20004 on Windows, fixed by step 2 and confirmed, rated 5.</summary>
    private static TestFlow FixedAtStep2(SupportBotHarness bot, IReadOnlyList<PlaybookStep> steps) => bot.Flow()
        .Send("0xCAA20004")
        .AssertReply(TriageDialog.AskWhereErrorShowsPrompt)
        .Send("Windows PC")
        .AssertReplyContains("sign-in waiting for approval")
        .AssertCard(Step(1, steps.Count, steps[0].Title))
        .SubmitLatestCard(actionTitle: "Still broken, next step")
        .AssertReply(UpdateContaining("still broken"))
        .AssertCard(Step(2, steps.Count, steps[1].Title))
        .SubmitLatestCard(actionTitle: "That fixed it")
        .AssertReply(UpdateContaining("fixed it"))
        .AssertCard(Containing("Can you sign in to Teams now?"))
        .SubmitLatestCard(actionTitle: "Yes")
        .AssertReply(UpdateContaining("✔ yes"))
        .AssertReply(SupportDialog.FixedMessage)
        .AssertCard(Containing("How much did I help?"))
        .SubmitLatestCard(actionTitle: "5 ★")
        .AssertReply(UpdateContaining("5 of 5"))
        .AssertReply(SupportDialog.RatingThanks);

    private static IReadOnlyList<PlaybookStep> Steps(SupportBotHarness bot) => bot.Playbook("caa20004").UserStepsFor(PlaybookPlatform.Windows);

    [Fact]
    public async Task FollowUp_FixConfirmedOnMonday_AsksOnTuesdayAtTenAndStillWorkingClosesTheCase()
    {
        await using var bot = await SupportBotHarness.CreateAsync();
        var steps = Steps(bot);
        IReadOnlyList<string> ranEarly = [];

        await FixedAtStep2(bot, steps)
            .AdvanceClock(TuesdayTen - SupportBotHarness.Start - TimeSpan.FromMinutes(1))
            .Do("run what is due a minute early", async _ => ranEarly = await bot.RunDueScheduledTurnsAsync(bot.Adapter))
            .AssertNoReply()
            .AdvanceClock(TimeSpan.FromMinutes(1))
            .Do("run what is due at ten", async _ => await bot.RunDueScheduledTurnsAsync(bot.Adapter))
            .AssertCard(card =>
            {
                var text = Text(card);
                Assert.Contains("Is Teams still letting you in?", text, StringComparison.Ordinal);
                Assert.Contains(steps[1].Title, text, StringComparison.Ordinal);
            })
            .SubmitLatestCard(actionTitle: "Yes, still working")
            .AssertReply(UpdateContaining("✔ yes"))
            .AssertReply(FixFollowUps.HeldMessage)
            .AssertNoReply()
            .StartTestAsync();

        Assert.Empty(ranEarly);
        var stored = await bot.StoredCaseAsync();
        Assert.Equal(CaseStatus.Closed, stored!.Status);
        Assert.True(stored.FixHeld);
        Assert.Equal(ScheduledTurnState.Done, (await bot.Scheduler.GetProgressAsync("followup/" + stored.Id, CancellationToken.None))!.State);
    }

    [Fact]
    public async Task FollowUp_BrokenAgain_ReopensTheCaseAtTheNextStep()
    {
        await using var bot = await SupportBotHarness.CreateAsync();
        var steps = Steps(bot);

        await FixedAtStep2(bot, steps)
            .AdvanceClock(TuesdayTen - SupportBotHarness.Start)
            .Do("run what is due", async _ => await bot.RunDueScheduledTurnsAsync(bot.Adapter))
            .AssertCard(Containing("Is Teams still letting you in?"))
            .SubmitLatestCard(actionTitle: "No, it's broken again")
            .AssertReply(UpdateContaining("✖ broken again"))
            .AssertReply(FixFollowUps.BrokeAgainMessage)
            .AssertCard(Step(3, steps.Count, steps[2].Title))
            .StartTestAsync();

        var stored = await bot.StoredCaseAsync();
        Assert.Equal(CaseStatus.Guiding, stored!.Status);
        Assert.False(stored.FixHeld);
        Assert.Equal((steps[1].Id, StepOutcome.StillBroken), (stored.Steps[^1].StepId, stored.Steps[^1].Outcome));
        Assert.Contains(stored.Findings, finding => finding.Contains("came back", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FollowUp_BrokenAgainAfterTheLastStep_GoesToTheHelpdeskWithTheWholeStory()
    {
        await using var bot = await SupportBotHarness.CreateAsync();
        var steps = Steps(bot);
        var flow = bot.Flow()
            .Send("0xCAA20004")
            .AssertReply(TriageDialog.AskWhereErrorShowsPrompt)
            .Send("Windows PC")
            .AssertReplyContains("sign-in waiting for approval");
        for (var index = 0; index < steps.Count - 1; index++)
        {
            flow = flow.AssertCard(Step(index + 1, steps.Count, steps[index].Title))
                .SubmitLatestCard(actionTitle: "Still broken, next step")
                .AssertReply(UpdateContaining("still broken"));
        }

        await flow
            .AssertCard(Step(steps.Count, steps.Count, steps[^1].Title))
            .SubmitLatestCard(actionTitle: "That fixed it")
            .AssertReply(UpdateContaining("fixed it"))
            .AssertCard(Containing("Can you sign in to Teams now?"))
            .SubmitLatestCard(actionTitle: "Yes")
            .AssertReply(UpdateContaining("✔ yes"))
            .AssertReply(SupportDialog.FixedMessage)
            .AssertCard(Containing("How much did I help?"))
            .Send("thanks")
            .AssertReplyContains("No problem")
            .AdvanceClock(TuesdayTen - SupportBotHarness.Start)
            .Do("run what is due", async _ => await bot.RunDueScheduledTurnsAsync(bot.Adapter))
            .AssertCard(Containing("Is Teams still letting you in?"))
            .SubmitLatestCard(actionTitle: "No, it's broken again")
            .AssertReply(UpdateContaining("✖ broken again"))
            .AssertReplyContains("Those were all the steps")
            .AssertCard(card =>
            {
                var text = Text(card);
                Assert.Contains("0xCAA20004", text, StringComparison.Ordinal);
                Assert.Contains(steps[^1].Title, text, StringComparison.Ordinal);
            })
            .StartTestAsync();
    }

    [Fact]
    public async Task FollowUp_UserStartedAnotherProblemMeanwhile_SaysNothing()
    {
        await using var bot = await SupportBotHarness.CreateAsync();

        await FixedAtStep2(bot, Steps(bot))
            .AdvanceClock(TimeSpan.FromHours(3))
            .Send("start over")
            .AssertReply("Sure, let's start again.")
            .AssertReply(_ => { })
            .AdvanceClock(TuesdayTen - SupportBotHarness.Start)
            .Do("run what is due", async _ => Assert.Single(await bot.RunDueScheduledTurnsAsync(bot.Adapter)))
            .AssertNoReply()
            .StartTestAsync();
    }

    [Fact]
    public async Task FollowUp_StaleCardClickedAfterANewCaseStarted_IsAnsweredPolitely()
    {
        await using var bot = await SupportBotHarness.CreateAsync();
        var stored = default(SupportCase);

        await FixedAtStep2(bot, Steps(bot))
            .Do("remember the fixed case", async _ => stored = await bot.StoredCaseAsync())
            .Send("start over")
            .AssertReply("Sure, let's start again.")
            .AssertReply(_ => { })
            .Do("click an old check card", async token =>
                await bot.Adapter.ProcessActivityAsync(
                    bot.Adapter.MakeCardSubmit(new { action = "fixBroke", caseId = stored!.Id }),
                    bot.Bot,
                    token))
            .AssertReply(FixFollowUps.StaleMessage)
            .StartTestAsync();
    }

    [Fact]
    public async Task FollowUp_AnEventPostedByTheClientUnderTheSameName_IsIgnored()
    {
        await using var bot = await SupportBotHarness.CreateAsync();
        var stored = default(SupportCase);

        await FixedAtStep2(bot, Steps(bot))
            .Do("remember the fixed case", async _ => stored = await bot.StoredCaseAsync())
            .Do("post the event as a client could", async token =>
                await bot.Adapter.ProcessActivityAsync(
                    bot.Adapter.MakeIncoming(ActivityTypes.Event) with
                    {
                        Name = FixFollowUps.EventName,
                        Value = System.Text.Json.JsonSerializer.SerializeToElement(new { caseId = stored!.Id }),
                    },
                    bot.Bot,
                    token))
            .AssertNoReply()
            .StartTestAsync();
    }

    [Fact]
    public async Task FollowUp_Disabled_SchedulesNothing()
    {
        await using var bot = await SupportBotHarness.CreateAsync();
        bot.FollowUpOptions.Enabled = false;

        await FixedAtStep2(bot, Steps(bot))
            .AdvanceClock(TimeSpan.FromDays(7))
            .Do("run what is due", async _ => Assert.Empty(await bot.RunDueScheduledTurnsAsync(bot.Adapter)))
            .AssertNoReply()
            .StartTestAsync();
    }
}
