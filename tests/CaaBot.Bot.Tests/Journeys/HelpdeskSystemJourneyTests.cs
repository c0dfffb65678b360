using CaaBot.Helpdesk.Connectors;
using CaaBot.Helpdesk.Tickets;
using static CaaBot.Bot.Tests.Journeys.JourneyCards;

namespace CaaBot.Bot.Tests.Journeys;

/// <summary>Escalating with an external helpdesk system configured: its number at once, or "queued" when it is down; status from the system.</summary>
public sealed class HelpdeskSystemJourneyTests
{
    [Fact]
    public async Task Escalate_SystemUp_ShowsBothNumbersAndTheSystemGetsTheConversation()
    {
        var rt = new ScriptedHelpdeskSystem();
        await using var bot = await SupportBotHarness.CreateAsync([rt]);
        await bot.Flow()
            .Send("0xCAA20004 on windows").AssertReplyContains("sign-in waiting for approval").AssertCard()
            .Send("agent").AssertReplyContains("let's get you to a person").AssertCard()
            .SubmitLatestCard(new { consent = "true", contactEmail = "ada@example.com" }, "Send to helpdesk")
            .AssertReply(UpdateContaining("CAA-000001"))
            .AssertReplyContains("Your ticket number is **CAA-000001** (in the helpdesk system: **RT \\#1**)")
            .StartTestAsync();

        var (ticket, transcript) = Assert.Single(rt.Created);
        Assert.Equal("ada@example.com", ticket.Request.Requester.ContactEmail);
        Assert.Contains("User (User): 0xCAA20004 on windows", transcript.Text, StringComparison.Ordinal);
        Assert.Contains("User (User): agent", transcript.Text, StringComparison.Ordinal);
        Assert.Single((await bot.Tickets.FindAsync("CAA-000001", CancellationToken.None))!.ExternalTickets);
    }

    [Fact]
    public async Task Escalate_SystemDown_ToldItIsQueuedAndTheOutboxDeliversLater()
    {
        var rt = new ScriptedHelpdeskSystem { Down = true };
        await using var bot = await SupportBotHarness.CreateAsync([rt]);
        await bot.Flow()
            .Send("0xCAA20004 on windows").AssertReplyContains("sign-in waiting for approval").AssertCard()
            .Send("agent").AssertReplyContains("let's get you to a person").AssertCard()
            .SubmitLatestCard(new { consent = "true" }, "Send to helpdesk")
            .AssertReply(UpdateContaining("CAA-000001"))
            .AssertReplyContains("your ticket is queued and will reach it shortly")
            .StartTestAsync();

        rt.Down = false;
        bot.Clock.Advance(TimeSpan.FromMinutes(1));
        await bot.Outbox!.DeliverDueAsync(CancellationToken.None);
        Assert.Single(rt.Created);
    }

    [Fact]
    public async Task Status_ExternalTicket_AnswersFromTheHelpdeskSystem()
    {
        var rt = new ScriptedHelpdeskSystem();
        await using var bot = await SupportBotHarness.CreateAsync([rt]);
        var group = bot.Playbook("caa20004").Escalation.Group;
        rt.Status = new ExternalTicketStatus(TicketStatus.InProgress, "open", "Please restart <b>Teams</b>");
        await bot.Flow()
            .Send("0xCAA20004 on windows").AssertReplyContains("sign-in waiting for approval").AssertCard()
            .Send("agent").AssertReplyContains("let's get you to a person").AssertCard()
            .SubmitLatestCard(new { consent = "true" }, "Send to helpdesk")
            .AssertReply(UpdateContaining("CAA-000001")).AssertReplyContains("RT \\#1")
            .Send("status")
            .AssertReply($"Your ticket **CAA-000001** (filed 23 Nov 2026, 09:00 UTC) is being worked on (RT \\#1 in the helpdesk system says \"open\"). The {group} team has everything we tried. Latest reply from the helpdesk: \"Please restart \\<b\\>Teams\\</b\\>\"")
            .StartTestAsync();
    }
}
