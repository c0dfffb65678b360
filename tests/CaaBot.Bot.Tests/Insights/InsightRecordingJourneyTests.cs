using System.Text;
using CaaBot.Bot.Cards;
using CaaBot.Bot.Dialogs;
using CaaBot.Bot.Insights;
using CaaBot.Bot.Tests.Journeys;
using CaaBot.Conversations.Testing;
using CaaBot.Knowledge.Playbooks;
using static CaaBot.Bot.Tests.Journeys.JourneyCards;

namespace CaaBot.Bot.Tests.Insights;

/// <summary>The insight events real journeys leave on the stream: once per committed turn, none for a turn that failed.</summary>
public sealed class InsightRecordingJourneyTests
{
    [Fact]
    public async Task Journey_FixedAtStep2ByATurnThatRanTwice_RecordsEachFactOnce()
    {
        await using var bot = await SupportBotHarness.CreateAsync();
        var steps = bot.Playbook("caa20004").UserStepsFor(PlaybookPlatform.Windows);

        await OnStep1OfCaa20004(bot, "Teams shows 0xCAA20004 when I sign in", steps)
            .SubmitLatestCard(actionTitle: "Still broken, next step")
            .AssertReply(UpdateContaining("still broken"))
            .AssertCard(Step(2, steps.Count, steps[1].Title))
            .SubmitLatestCard(actionTitle: "That fixed it")
            .AssertReply(UpdateContaining("fixed it"))
            .AssertCard(Containing("Can you sign in to Teams now?"))
            .Do("ten minutes later, and the confirming turn loses a race once, so it runs twice", _ =>
            {
                bot.Clock.Advance(TimeSpan.FromMinutes(10));
                bot.Store.FailNextConversationWrite();
                return Task.CompletedTask;
            })
            .SubmitLatestCard(actionTitle: "Yes")
            .AssertReply(UpdateContaining("✔ yes"))
            .AssertReply(SupportDialog.FixedMessage)
            .AssertCard(Containing("How much did I help?"))
            .SubmitLatestCard(actionTitle: "4 ★")
            .AssertReply(UpdateContaining("4 of 5"))
            .AssertReply(SupportDialog.RatingThanks)
            .StartTestAsync();

        Assert.Equal(1, bot.Store.InjectedConflicts);
        var events = await bot.Insights.ReadAllAsync(CancellationToken.None);
        Assert.Equal(
            [typeof(CaseStartedInsight), typeof(StepAnsweredInsight), typeof(StepAnsweredInsight), typeof(CaseFixedInsight), typeof(CaseRatedInsight)],
            events.Select(insight => insight.GetType()));
        Assert.Single(events.Select(insight => insight.CaseKey).Distinct());
        var started = Assert.IsType<CaseStartedInsight>(events[0]);
        Assert.Equal(("0xCAA20004", "caa20004", PlaybookPlatform.Windows), (started.Code, started.Playbook, started.Platform));
        Assert.False(string.IsNullOrEmpty(started.Channel));
        Assert.Equal(
            [(steps[0].Id, StepOutcome.StillBroken), (steps[1].Id, StepOutcome.Fixed)],
            events.OfType<StepAnsweredInsight>().Select(answer => (answer.StepId, answer.Outcome)));
        var fix = Assert.IsType<CaseFixedInsight>(events[3]);
        Assert.Equal(("caa20004", steps[1].Id, steps[1].Title), (fix.Playbook, fix.StepId, fix.StepTitle));
        Assert.Equal(TimeSpan.FromMinutes(10), fix.TimeFromStart);
        Assert.Equal(4, Assert.IsType<CaseRatedInsight>(events[4]).Stars);
        await AssertHoldsNoUserTextAsync(bot, "Teams shows", "Windows PC", "conversation-1", "user-1");
    }

    [Fact]
    public async Task Journey_FixConfirmedByATurnThatFailed_RecordsNoFix()
    {
        await using var bot = await SupportBotHarness.CreateAsync();
        var steps = bot.Playbook("caa20004").UserStepsFor(PlaybookPlatform.Windows);

        await OnStep1OfCaa20004(bot, "0xCAA20004", steps)
            .SubmitLatestCard(actionTitle: "That fixed it")
            .AssertReply(UpdateContaining("fixed it"))
            .AssertCard(Containing("Can you sign in to Teams now?"))
            .Do("every attempt of the confirming turn loses its race: the turn fails and is rolled back", _ =>
            {
                bot.Store.FailNextConversationWrite(times: 5);
                return Task.CompletedTask;
            })
            .Send("yes")
            .AssertReplyContains("went wrong")
            .StartTestAsync();

        Assert.Equal(5, bot.Store.InjectedConflicts);
        var events = await bot.Insights.ReadAllAsync(CancellationToken.None);
        Assert.Equal([typeof(CaseStartedInsight), typeof(StepAnsweredInsight)], events.Select(insight => insight.GetType()));
        Assert.DoesNotContain(events, insight => insight is CaseFixedInsight or CaseRatedInsight);
    }

    [Fact]
    public async Task Journey_AgentOnAStepThenTicketFiledTwice_RecordsOneEscalationWithPlaybookCodeAndReason()
    {
        await using var bot = await SupportBotHarness.CreateAsync();
        var steps = bot.Playbook("caa20004").UserStepsFor(PlaybookPlatform.Windows);

        await OnStep1OfCaa20004(bot, "0xCAA20004", steps)
            .SubmitLatestCard(actionTitle: "I need a person")
            .AssertReply(UpdateContaining(steps[0].Title))
            .AssertReplyContains("let's get you to a person")
            .AssertCard(Containing("0xCAA20004"))
            .Do("the filing turn loses a race once, so it runs twice", _ =>
            {
                bot.Store.FailNextConversationWrite();
                return Task.CompletedTask;
            })
            .SubmitLatestCard(new { consent = "true" }, "Send to helpdesk")
            .AssertReply(UpdateContaining("CAA-"))
            .AssertReplyContains("Your ticket number is")
            .StartTestAsync();

        var events = await bot.Insights.ReadAllAsync(CancellationToken.None);
        var escalation = Assert.Single(events.OfType<CaseEscalatedInsight>());
        Assert.Equal(("caa20004", "0xCAA20004", EscalationReason.AskedForPerson), (escalation.Playbook, escalation.Code, escalation.Reason));
        Assert.Equal(StepOutcome.AskedForPerson, Assert.Single(events.OfType<StepAnsweredInsight>()).Outcome);
        Assert.DoesNotContain(events, insight => insight is CaseFixedInsight);
    }

    /// <summary>A new conversation that names the code in <paramref name="firstMessage"/>, says Windows, and sees step 1.</summary>
    private static TestFlow OnStep1OfCaa20004(SupportBotHarness bot, string firstMessage, IReadOnlyList<PlaybookStep> steps) =>
        bot.Flow()
            .Send(firstMessage)
            .AssertReply(TriageDialog.AskWhereErrorShowsPrompt)
            .Send("Windows PC")
            .AssertReplyContains("sign-in waiting for approval")
            .AssertCard(Step(1, steps.Count, steps[0].Title));

    private static async Task AssertHoldsNoUserTextAsync(SupportBotHarness bot, params string[] forbidden)
    {
        var entries = await bot.Streams.ReadAsync(InsightStream.Name, 0, 1000, CancellationToken.None);
        Assert.NotEmpty(entries);
        foreach (var entry in entries)
        {
            var json = Encoding.UTF8.GetString(entry.Payload.Span);
            Assert.All(forbidden, text => Assert.DoesNotContain(text, json, StringComparison.OrdinalIgnoreCase));
        }
    }
}
