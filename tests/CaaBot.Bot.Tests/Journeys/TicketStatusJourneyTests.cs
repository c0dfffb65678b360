using CaaBot.Bot.Dialogs;
using CaaBot.Knowledge.Playbooks;
using static CaaBot.Bot.Tests.Journeys.JourneyCards;

namespace CaaBot.Bot.Tests.Journeys;

/// <summary>"status" (a command in the Teams app's menu) answers from the helpdesk queue, for the user's own ticket only.</summary>
public sealed class TicketStatusJourneyTests
{
    [Fact]
    public async Task Status_AfterFilingATicket_SaysWhereItStandsInANewConversationToo()
    {
        await using var bot = await SupportBotHarness.CreateAsync();
        var group = bot.Playbook("caa20004").Escalation.Group;
        await bot.Flow()
            .Send("0xCAA20004 on windows").AssertReplyContains("sign-in waiting for approval").AssertCard()
            .Send("agent").AssertReplyContains("let's get you to a person").AssertCard()
            .SubmitLatestCard(new { consent = "true" }, "Send to helpdesk")
            .AssertReply(UpdateContaining("CAA-000001"))
            .AssertReplyContains("Your ticket number is **CAA-000001**")
            .AdvanceClock(TimeSpan.FromHours(3))
            .Send("where is my ticket?")
            .AssertReply($"Your ticket **CAA-000001** (filed 23 Nov 2026, 09:00 UTC) is waiting for the helpdesk to pick it up. The {group} team has everything we tried.")
            .AssertNoReply()
            .StartTestAsync();

        await bot.FlowInNewConversation("conversation-2")
            .Send("status")
            .AssertReplyContains("**CAA-000001**")
            .StartTestAsync();
    }

    [Fact]
    public async Task Status_WithoutATicket_SaysSoAndAsksTheStepOnScreenAgain()
    {
        await using var bot = await SupportBotHarness.CreateAsync();
        var steps = bot.Playbook("caa20004").UserStepsFor(PlaybookPlatform.Windows);
        await bot.Flow()
            .Send("0xCAA20004 on windows").AssertReplyContains("sign-in waiting for approval")
            .AssertCard(Step(1, steps.Count, steps[0].Title))
            .Send("status")
            .AssertReply(SupportInterruptions.NoTicketMessage)
            .AssertCard(Step(1, steps.Count, steps[0].Title))
            .StartTestAsync();
    }

    [Fact]
    public async Task Status_SomeoneElse_DoesNotSeeTheTicket()
    {
        await using var bot = await SupportBotHarness.CreateAsync();
        await bot.Flow()
            .Send("0xCAA20004 on windows").AssertReplyContains("sign-in waiting for approval").AssertCard()
            .Send("agent").AssertReplyContains("let's get you to a person").AssertCard()
            .SubmitLatestCard(new { consent = "true" }, "Send to helpdesk")
            .AssertReply(UpdateContaining("CAA-000001")).AssertReplyContains("Your ticket number is")
            .StartTestAsync();

        await bot.FlowOn(new Conversations.Testing.TestAdapterOptions { UserId = "someone-else", ConversationId = "other" })
            .Send("status")
            .AssertReply(SupportInterruptions.NoTicketMessage)
            .StartTestAsync();
    }
}
