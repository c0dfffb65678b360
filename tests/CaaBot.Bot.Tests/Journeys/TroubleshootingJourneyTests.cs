using CaaBot.Bot.Cards;
using CaaBot.Bot.Dialogs;
using CaaBot.Bot.Support;
using CaaBot.Bot.Tests.Cards;
using CaaBot.Helpdesk.Tickets;
using CaaBot.Knowledge.Playbooks;
using static CaaBot.Bot.Tests.Journeys.JourneyCards;

namespace CaaBot.Bot.Tests.Journeys;

/// <summary>The conversations of DESIGN.md, "The conversation", end to end on the real dialogs, playbooks and helpdesk queue.</summary>
public sealed class TroubleshootingJourneyTests
{
    [Fact]
    public async Task Troubleshoot_KnownCodeFixedAtStep2_ConfirmsThenRates()
    {
        await using var bot = await SupportBotHarness.CreateAsync();
        var steps = bot.Playbook("caa20004").UserStepsFor(PlaybookPlatform.Windows);

        await bot.Flow()
            .SendConversationUpdate()
            .AssertSuggestedActions(TriageDialog.HaveCodeChoice, TriageDialog.NoCodeChoice, TriageDialog.PersonChoice)
            .Send("Teams shows 0xCAA20004 when I sign in")
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
            .AssertReply(UpdateContaining("Can you sign in to Teams now? — ✔ yes"))
            .AssertReply(SupportDialog.FixedMessage)
            .AssertCard(Containing("How much did I help?"))
            .SubmitLatestCard(actionTitle: "4 ★")
            .AssertReply(UpdateContaining("4 of 5"))
            .AssertReply(SupportDialog.RatingThanks)
            .AssertNoReply()
            .StartTestAsync();

        var stored = await bot.StoredCaseAsync();
        Assert.NotNull(stored);
        Assert.Equal(CaseStatus.Closed, stored.Status);
        Assert.Equal("0xCAA20004", stored.ErrorCode);
        Assert.Equal(PlaybookPlatform.Windows, stored.Platform);
        Assert.Equal(4, stored.Rating);
        Assert.Equal([(steps[0].Id, StepOutcome.StillBroken), (steps[1].Id, StepOutcome.Fixed)], stored.Steps.Select(s => (s.StepId, s.Outcome)));
        Assert.Empty(await bot.Tickets.ListRecentAsync(10, CancellationToken.None));
    }

    [Fact]
    public async Task Troubleshoot_AllStepsFail_FilesTicketWithTheFullRecord()
    {
        await using var bot = await SupportBotHarness.CreateAsync();
        var steps = bot.Playbook("caa20004").UserStepsFor(PlaybookPlatform.MacOS);
        var flow = bot.Flow()
            .Send("caa2 0004 on my macbook since this morning")
            .AssertReplyContains("sign-in waiting for approval")
            .AssertCard(Step(1, steps.Count, steps[0].Title));
        for (var number = 1; number <= steps.Count; number++)
        {
            flow = flow.SubmitLatestCard(actionTitle: number == 2 ? "Skip" : "Still broken, next step")
                .AssertReply(UpdateContaining(number == 2 ? "skipped" : "still broken"));
            if (number < steps.Count)
            {
                flow = flow.AssertCard(Step(number + 1, steps.Count, steps[number].Title));
            }
        }

        await flow
            .AssertReplyContains("Those were all the steps")
            .AssertCard(card =>
            {
                var text = Text(card);
                Assert.Contains("0xCAA20004", text, StringComparison.Ordinal);
                Assert.Contains("Mac", text, StringComparison.Ordinal);
                Assert.Contains("caa2 0004 on my macbook since this morning", text, StringComparison.Ordinal);
                Assert.All(steps, step => Assert.Contains(step.Title, text, StringComparison.Ordinal));
            })
            .SubmitLatestCard(new { consent = "true", contactEmail = "ada@example.com", contactPhone = "+41 44 000 00 00" }, "Send to helpdesk")
            .AssertReply(UpdateContaining("CAA-"))
            .AssertReplyContains("Your ticket number is **CAA-")
            .AssertNoReply()
            .StartTestAsync();

        var ticket = Assert.Single(await bot.Tickets.ListRecentAsync(10, CancellationToken.None));
        var request = ticket.Request;
        Assert.Equal("0xCAA20004", request.ErrorCode);
        Assert.Equal("Mac", request.Device);
        Assert.Equal("caa20004", request.PlaybookId);
        Assert.Equal(bot.Playbook("caa20004").Escalation.Group, request.Group);
        Assert.Equal("caa2 0004 on my macbook since this morning", request.UserWords);
        Assert.Equal("ada@example.com", request.Requester.ContactEmail);
        Assert.Equal("+41 44 000 00 00", request.Requester.ContactPhone);
        Assert.Equal(steps.Select(s => s.Id), request.Steps.Select(s => s.StepId));
        Assert.Equal(TicketStepOutcome.Skipped, request.Steps[1].Outcome);
        Assert.All(request.Steps.Where((_, i) => i != 1), s => Assert.Equal(TicketStepOutcome.StillBroken, s.Outcome));
        Assert.Contains(request.Findings, finding => finding.StartsWith("For the helpdesk to check:", StringComparison.Ordinal));
        Assert.Equal("conversation-1", request.Conversation?.Conversation?.Id);
        Assert.Equal(ticket.Number, (await bot.StoredCaseAsync())?.TicketNumber);
    }

    [Fact]
    public async Task Troubleshoot_NoCode_SymptomThenPlatformThenChoice_Fixed()
    {
        await using var bot = await SupportBotHarness.CreateAsync();
        await bot.Flow()
            .Send("hi")
            .AssertReply(TriageDialog.GreetingPrompt)
            .Send(TriageDialog.NoCodeChoice)
            .AssertReply(TriageDialog.AskSymptomPrompt)
            .Send("it keeps asking for my password over and over")
            .AssertReply(TriageDialog.AskPlatformPrompt)
            .Send("Windows PC")
            .AssertCard(card =>
            {
                Assert.Contains("Which of these sounds like your problem?", Text(card), StringComparison.Ordinal);
                Assert.Contains("none", new CardTree(card).Actions);
            })
            .SubmitLatestCard()
            .AssertReplyContains("Let's fix it one step at a time.")
            .AssertCard(card => Assert.Contains("Step 1 of", Text(card), StringComparison.Ordinal))
            .SubmitLatestCard(actionTitle: "That fixed it")
            .AssertReply(UpdateContaining("fixed it"))
            .AssertCard(Containing("Can you sign in to Teams now?"))
            .Send("yes")
            .AssertReply(SupportDialog.FixedMessage)
            .AssertCard(Containing("How much did I help?"))
            .StartTestAsync();

        var stored = await bot.StoredCaseAsync();
        Assert.Equal("it keeps asking for my password over and over", stored?.UserWords);
        Assert.Null(stored?.ErrorCode);
        Assert.Equal(CaseStatus.Closed, stored?.Status);
    }

    [Fact]
    public async Task Troubleshoot_NoneOfTheseMatches_OffersTheHelpdeskWithTheUsersWords()
    {
        await using var bot = await SupportBotHarness.CreateAsync();
        await bot.Flow()
            .Send("the meeting room display shows a weird purple banner since the update")
            .AssertReply(TriageDialog.AskPlatformPrompt)
            .Send("web")
            .AssertCard(Containing("Which of these sounds like your problem?"))
            .SubmitLatestCard(actionTitle: "None of these")
            .AssertReplyContains("I don't have a guide that fits")
            .AssertCard(Containing("weird purple banner"))
            .Send("not now")
            .AssertReply(EscalationDialog.NothingSentMessage)
            .StartTestAsync();

        Assert.Empty(await bot.Tickets.ListRecentAsync(10, CancellationToken.None));
    }

    [Fact]
    public async Task Troubleshoot_UnknownWellFormedCode_IsRecordedAndRoutedByItsFamily()
    {
        await using var bot = await SupportBotHarness.CreateAsync();
        await bot.Flow()
            .Send("0xCAA30199")
            .AssertReply(reply =>
            {
                Assert.Contains("I don't have a guide for **0xCAA30199** yet", reply.Text, StringComparison.Ordinal);
                Assert.Contains("HTTP 409", reply.Text, StringComparison.Ordinal);
            })
            .AssertReply(TriageDialog.AskSymptomPrompt)
            .Send("it says something about a proxy and then gives up")
            .AssertReply(TriageDialog.AskPlatformPrompt)
            .Send("Windows PC")
            .AssertCard(Containing("Which of these sounds like your problem?"))
            .Send("agent")
            .AssertReplyContains("let's get you to a person")
            .AssertCard(card =>
            {
                Assert.Contains("0xCAA30199", Text(card), StringComparison.Ordinal);
                Assert.Contains("Windows PC", Text(card), StringComparison.Ordinal);
            })
            .SubmitLatestCard(new { consent = "true" }, "Send to helpdesk")
            .AssertReply(UpdateContaining("CAA-"))
            .AssertReplyContains("Your ticket number is")
            .StartTestAsync();

        var ticket = Assert.Single(await bot.Tickets.ListRecentAsync(10, CancellationToken.None));
        Assert.Equal("0xCAA30199", ticket.Request.ErrorCode);
        Assert.Contains(ticket.Request.Findings, finding => finding.Contains("No guide for 0xCAA30199", StringComparison.Ordinal));
        Assert.Equal("general", ticket.Request.Group);
    }

    [Fact]
    public async Task Troubleshoot_SeveralCodes_AsksWhichOne()
    {
        await using var bot = await SupportBotHarness.CreateAsync();
        await bot.Flow()
            .Send("first it said 0xCAA20003 and now AADSTS50076")
            .AssertReply(reply =>
            {
                Assert.Equal("I can see more than one code in that. Which one is on your screen now?", reply.Text);
                Assert.Equal(["0xCAA20003", "AADSTS50076"], reply.SuggestedActions!.Actions.Select(a => a.Title));
            })
            .Send("AADSTS50076")
            .AssertReplyContains("AADSTS50076")
            .StartTestAsync();

        Assert.Equal("AADSTS50076", (await bot.StoredCaseAsync())?.ErrorCode);
    }

    [Fact]
    public async Task Troubleshoot_AgentMidFlow_EscalatesWithTheStepOnScreenMarked()
    {
        await using var bot = await SupportBotHarness.CreateAsync();
        var steps = bot.Playbook("caa20004").UserStepsFor(PlaybookPlatform.Windows);
        await bot.Flow()
            .Send("0xCAA20004")
            .AssertReply(TriageDialog.AskWhereErrorShowsPrompt)
            .Send("my pc")
            .AssertReplyContains("sign-in waiting for approval")
            .AssertCard(Step(1, steps.Count, steps[0].Title))
            .SubmitLatestCard(actionTitle: "Still broken, next step")
            .AssertReply(UpdateContaining("still broken"))
            .AssertCard(Step(2, steps.Count, steps[1].Title))
            .Send("I need a person")
            .AssertReplyContains("let's get you to a person")
            .AssertCard(card =>
            {
                var text = Text(card);
                Assert.Contains($"{steps[0].Title} — ✖ still broken", text, StringComparison.Ordinal);
                Assert.Contains($"{steps[1].Title} — asked for a person", text, StringComparison.Ordinal);
            })
            .Send("agent")
            .AssertReply(SupportInterruptions.AgentAlreadyMessage)
            .AssertCard()
            .SubmitLatestCard(actionTitle: "Send to helpdesk")
            .AssertReply(reply => Assert.Equal(EscalationDialog.ConsentMissingMessage, reply.Text))
            .SubmitLatestCard(new { consent = "true" }, "Send to helpdesk")
            .AssertReply(UpdateContaining("CAA-"))
            .AssertReplyContains("Your ticket number is")
            .StartTestAsync();

        var ticket = Assert.Single(await bot.Tickets.ListRecentAsync(10, CancellationToken.None));
        Assert.Equal([TicketStepOutcome.StillBroken, TicketStepOutcome.AskedForPerson], ticket.Request.Steps.Select(s => s.Outcome));
    }

    [Fact]
    public async Task Troubleshoot_BackAndSkip_MoveBetweenStepsAndAreRecorded()
    {
        await using var bot = await SupportBotHarness.CreateAsync();
        var steps = bot.Playbook("caa20004").UserStepsFor(PlaybookPlatform.Windows);
        await bot.Flow()
            .Send("0xCAA20004 on windows")
            .AssertReplyContains("sign-in waiting for approval")
            .AssertCard(card => Assert.DoesNotContain("back", new CardTree(card).Actions))
            .Send("back")
            .AssertReply(GuidedFixDialog.FirstStepMessage)
            .AssertCard(Step(1, steps.Count, steps[0].Title))
            .SubmitLatestCard(actionTitle: "Skip")
            .AssertReply(UpdateContaining("skipped"))
            .AssertCard(Step(2, steps.Count, steps[1].Title))
            .SubmitLatestCard(actionTitle: "Back")
            .AssertReply(UpdateContaining("went back"))
            .AssertCard(Step(1, steps.Count, steps[0].Title))
            .Send("didn't work")
            .AssertCard(Step(2, steps.Count, steps[1].Title))
            .Send("skip")
            .AssertCard(Step(3, steps.Count, steps[2].Title))
            .StartTestAsync();

        var stored = await bot.StoredCaseAsync();
        Assert.Equal(
            [StepOutcome.Skipped, StepOutcome.WentBack, StepOutcome.StillBroken, StepOutcome.Skipped],
            stored!.Steps.Select(s => s.Outcome));
        Assert.Equal([(steps[0].Id, StepOutcome.StillBroken), (steps[1].Id, StepOutcome.Skipped)], stored.LatestAnswerPerStep().Select(s => (s.StepId, s.Outcome)));
        Assert.Equal(2, stored.Guide?.Index);
    }

    [Fact]
    public async Task Troubleshoot_StaleAndRepeatedClicks_AreAnsweredPolitelyAndChangeNothing()
    {
        await using var bot = await SupportBotHarness.CreateAsync();
        var steps = bot.Playbook("caa20004").UserStepsFor(PlaybookPlatform.Windows);
        await bot.Flow()
            .Send("0xCAA20004 on windows")
            .AssertReplyContains("sign-in waiting for approval")
            .AssertCard(Step(1, steps.Count, steps[0].Title))
            .SubmitLatestCard(actionTitle: "Still broken, next step")
            .AssertReply(UpdateContaining("still broken"))
            .AssertCard(Step(2, steps.Count, steps[1].Title))
            .SubmitCard(0, actionTitle: "That fixed it")
            .AssertReplyContains("earlier question")
            .SubmitCard(0, actionTitle: "Still broken, next step")
            .AssertReplyContains("earlier question")
            .SubmitLatestCard(actionTitle: "Still broken, next step")
            .AssertReply(UpdateContaining("still broken"))
            .AssertCard(Step(3, steps.Count, steps[2].Title))
            .StartTestAsync();

        var stored = await bot.StoredCaseAsync();
        Assert.Equal([StepOutcome.StillBroken, StepOutcome.StillBroken], stored!.Steps.Select(s => s.Outcome));
    }

    [Fact]
    public async Task Troubleshoot_StartOver_ClosesTheCaseAndBeginsAgain()
    {
        await using var bot = await SupportBotHarness.CreateAsync();
        await bot.Flow()
            .Send("0xCAA20004 on windows")
            .AssertReplyContains("sign-in waiting for approval")
            .AssertCard()
            .Send("start over")
            .AssertReply("Sure, let's start again.")
            .AssertReply(TriageDialog.GreetingPrompt)
            .Send("0x80070005")
            .AssertReplyContains("0x80070005")
            .StartTestAsync();

        Assert.Equal("0x80070005", (await bot.StoredCaseAsync())?.ErrorCode);
    }

    [Fact]
    public async Task Troubleshoot_FixNotConfirmedByClick_ConfirmCardLosesItsButtonsAndTheNextStepFollows()
    {
        await using var bot = await SupportBotHarness.CreateAsync();
        var steps = bot.Playbook("caa20004").UserStepsFor(PlaybookPlatform.Windows);
        await bot.Flow()
            .Send("0xCAA20004 on windows")
            .AssertReplyContains("sign-in waiting for approval")
            .AssertCard(Step(1, steps.Count, steps[0].Title))
            .SubmitLatestCard(actionTitle: "That fixed it")
            .AssertReply(UpdateContaining("fixed it"))
            .AssertCard(Containing("Can you sign in to Teams now?"))
            .SubmitLatestCard(actionTitle: "Not yet")
            .AssertReply(UpdateContaining("Can you sign in to Teams now? — ✖ not yet"))
            .AssertReply(GuidedFixDialog.NotYetMessage)
            .AssertCard(Step(2, steps.Count, steps[1].Title))
            .StartTestAsync();

        var stored = await bot.StoredCaseAsync();
        Assert.Equal(StepOutcome.StillBroken, stored?.Steps.Last(s => s.StepId == steps[0].Id).Outcome);
    }

    [Fact]
    public async Task Troubleshoot_CancelThenNewConversation_OffersToResumeAndContinuesAtTheSameStep()
    {
        await using var bot = await SupportBotHarness.CreateAsync();
        var steps = bot.Playbook("caa20004").UserStepsFor(PlaybookPlatform.Windows);
        await bot.Flow()
            .Send("0xCAA20004 on windows")
            .AssertReplyContains("sign-in waiting for approval")
            .AssertCard()
            .SubmitLatestCard(actionTitle: "Still broken, next step")
            .AssertReply(UpdateContaining("still broken"))
            .AssertCard(Step(2, steps.Count, steps[1].Title))
            .Send("cancel")
            .AssertReplyContains("I've stopped")
            .StartTestAsync();

        await bot.FlowInNewConversation("phone-conversation")
            .AdvanceClock(TimeSpan.FromHours(3))
            .Send("hello again")
            .AssertReply(reply => Assert.StartsWith($"Welcome back. Last time we got to step 2 of {steps.Count}", reply.Text, StringComparison.Ordinal))
            .Send("yes")
            .AssertCard(Step(2, steps.Count, steps[1].Title))
            .SubmitLatestCard(actionTitle: "That fixed it")
            .AssertReply(UpdateContaining("fixed it"))
            .AssertCard(Containing("Can you sign in to Teams now?"))
            .StartTestAsync();
    }

    [Fact]
    public async Task Troubleshoot_ReturningUserDeclinesResume_StartsAfresh()
    {
        await using var bot = await SupportBotHarness.CreateAsync();
        await bot.Flow()
            .Send("0xCAA20004 on windows").AssertReplyContains("sign-in waiting for approval").AssertCard()
            .Send("cancel").AssertReplyContains("I've stopped")
            .StartTestAsync();

        await bot.FlowInNewConversation("second")
            .Send("hi")
            .AssertReplyContains("Welcome back.")
            .Send("no")
            .AssertReply(TriageDialog.GreetingPrompt)
            .StartTestAsync();

        Assert.Null((await bot.StoredCaseAsync())?.Guide);
    }

    [Fact]
    public async Task Troubleshoot_ResumeOfferExpires_AfterAWeek()
    {
        await using var bot = await SupportBotHarness.CreateAsync();
        await bot.Flow()
            .Send("0xCAA20004 on windows").AssertReplyContains("sign-in waiting for approval").AssertCard()
            .Send("cancel").AssertReplyContains("I've stopped")
            .StartTestAsync();

        await bot.FlowInNewConversation("much-later")
            .AdvanceClock(SupportCases.ResumeWindow + TimeSpan.FromMinutes(1))
            .Send("hi")
            .AssertReply(TriageDialog.GreetingPrompt)
            .StartTestAsync();
    }

    [Fact]
    public async Task Troubleshoot_BackFromEscalation_ReturnsToTheStepOnScreen()
    {
        await using var bot = await SupportBotHarness.CreateAsync();
        var steps = bot.Playbook("caa20004").UserStepsFor(PlaybookPlatform.Windows);
        await bot.Flow()
            .Send("0xCAA20004 on windows").AssertReplyContains("sign-in waiting for approval")
            .AssertCard(Step(1, steps.Count, steps[0].Title))
            .SubmitLatestCard(actionTitle: "I need a person")
            .AssertReply(UpdateContaining("asked for a person"))
            .AssertReplyContains("let's get you to a person")
            .AssertCard(Containing("Here is what I will send to the helpdesk"))
            .Send("back")
            .AssertReply(SupportInterruptions.BackToStepsMessage)
            .AssertCard(Step(1, steps.Count, steps[0].Title))
            .StartTestAsync();

        Assert.Empty(await bot.Tickets.ListRecentAsync(10, CancellationToken.None));
    }

    [Fact]
    public async Task Troubleshoot_HelpMidStep_AnswersAndShowsTheSameStepAgain()
    {
        await using var bot = await SupportBotHarness.CreateAsync();
        var steps = bot.Playbook("caa20004").UserStepsFor(PlaybookPlatform.Windows);
        await bot.Flow()
            .Send("0xCAA20004 on windows").AssertReplyContains("sign-in waiting for approval")
            .AssertCard(Step(1, steps.Count, steps[0].Title))
            .Send("help")
            .AssertReply(SupportInterruptions.HelpText)
            .AssertCard(Step(1, steps.Count, steps[0].Title))
            .SubmitLatestCard(actionTitle: "Still broken, next step")
            .AssertReply(UpdateContaining("still broken"))
            .AssertCard(Step(2, steps.Count, steps[1].Title))
            .StartTestAsync();
    }

    [Fact]
    public async Task Troubleshoot_UnclearAnswersOnAStep_FallThroughToAPerson()
    {
        await using var bot = await SupportBotHarness.CreateAsync();
        await bot.Flow()
            .Send("0xCAA20004 on windows").AssertReplyContains("sign-in waiting for approval").AssertCard()
            .Send("hmm").AssertCard(card => Assert.Contains("Step 1 of", Text(card), StringComparison.Ordinal))
            .Send("what?").AssertCard()
            .Send("banana")
            .AssertReplyContains("Sorry, I'm not getting this right")
            .AssertCard(Containing("Here is what I will send to the helpdesk"))
            .StartTestAsync();
    }
}
