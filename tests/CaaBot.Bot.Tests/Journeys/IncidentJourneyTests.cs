using CaaBot.Bot.Incidents;
using CaaBot.Bot.TicketUpdates;
using CaaBot.Conversations.Testing;
using CaaBot.Helpdesk.Connectors;
using CaaBot.Helpdesk.Incidents;
using CaaBot.Helpdesk.Tickets;
using CaaBot.Protocol.Schema;
using static CaaBot.Bot.Tests.Journeys.JourneyCards;

namespace CaaBot.Bot.Tests.Journeys;

/// <summary>
/// Many people with the same code at once: past the threshold they are added to one incident instead of each getting a
/// ticket, told the helpdesk already knows, warned at triage, and told when the incident is fixed.
/// </summary>
public sealed class IncidentJourneyTests
{
    private static readonly IncidentOptions TwoMakeAnIncident = new() { Threshold = 2, Window = TimeSpan.FromMinutes(10) };

    private static TestFlow Person(SupportBotHarness bot, string name) =>
        bot.FlowOn(new TestAdapterOptions { ConversationId = "conversation-" + name, UserId = "user-" + name, UserName = name });

    private static TestFlow AskForAPersonAndSend(TestFlow flow) => flow
        .Send("agent").AssertReplyContains("let's get you to a person").AssertCard()
        .SubmitLatestCard(new { consent = "true" }, "Send to helpdesk");

    [Fact]
    public async Task Escalate_WhenOthersReportedTheSameCode_JoinsTheIncidentInsteadOfFilingATicket()
    {
        await using var bot = await SupportBotHarness.CreateAsync(incidents: TwoMakeAnIncident);

        await AskForAPersonAndSend(Person(bot, "ada").Send("0xCAA20004 on windows").AssertReplyContains("sign-in waiting for approval").AssertCard())
            .AssertReply(UpdateContaining("CAA-000001"))
            .AssertReplyContains("Your ticket number is **CAA-000001**")
            .StartTestAsync();
        await AskForAPersonAndSend(Person(bot, "grace").Send("0xCAA20004 on a mac").AssertReplyContains("sign-in waiting for approval").AssertCard())
            .AssertReply(UpdateContaining("CAA-000002"))
            .AssertReply(reply =>
            {
                Assert.Contains("The helpdesk already knows about this", reply.Text, StringComparison.Ordinal);
                Assert.Contains("**0xCAA20004**", reply.Text, StringComparison.Ordinal);
                Assert.Contains("incident **CAA\\-000002**", reply.Text, StringComparison.Ordinal);
                Assert.Contains("I'll tell you here as soon as it's fixed", reply.Text, StringComparison.Ordinal);
            })
            .AssertNoReply()
            .StartTestAsync();

        var tickets = await bot.Tickets.ListRecentAsync(10, CancellationToken.None);
        Assert.Equal(["CAA-000002", "CAA-000001"], tickets.Select(ticket => ticket.Number));
        Assert.Equal("high", tickets[0].Request.Priority);
        var incident = Assert.IsType<Incident>(await bot.IncidentRecords!.ReadAsync("CAA-000002", CancellationToken.None));
        Assert.Equal(["user-ada", "user-grace"], incident.Affected.Select(person => person.UserId));
        Assert.Equal(["Windows PC", "Mac"], incident.Affected.Select(person => person.Device));
        Assert.Equal("conversation-grace", incident.Affected[1].Conversation?.Conversation?.Id);
    }

    [Fact]
    public async Task Triage_CodeWithAnOpenIncident_GivesAHeadsUpAndStillOffersTheGuide()
    {
        await using var bot = await SupportBotHarness.CreateAsync(incidents: TwoMakeAnIncident);
        foreach (var name in new[] { "ada", "grace" })
        {
            await AskForAPersonAndSend(Person(bot, name).Send("0xCAA20004 on windows").AssertReplyContains("sign-in waiting for approval").AssertCard()).StartTestAsync();
        }

        await AskForAPersonAndSend(Person(bot, "linus")
                .Send("teams says 0xcaa20004 on windows")
                .AssertReply(reply => Assert.Contains("Heads-up: the helpdesk already knows about a wider problem with **0xCAA20004** (incident **CAA\\-000002**)", reply.Text, StringComparison.Ordinal))
                .AssertReplyContains("sign-in waiting for approval")
                .AssertCard())
            .AssertReply(UpdateContaining("CAA-000002"))
            .AssertReplyContains("The helpdesk already knows about this")
            .StartTestAsync();

        await Person(bot, "other-code").Send("0xCAA20003 on windows")
            .AssertReply(reply => Assert.DoesNotContain("Heads-up", reply.Text, StringComparison.Ordinal))
            .StartTestAsync();
    }

    [Fact]
    public async Task IncidentResolved_EveryoneLinkedHearsOnceInTheirOwnConversation()
    {
        await using var bot = await SupportBotHarness.CreateAsync(incidents: TwoMakeAnIncident);
        foreach (var name in new[] { "ada", "grace" })
        {
            await AskForAPersonAndSend(Person(bot, name).Send("0xCAA20004 on windows").AssertReplyContains("sign-in waiting for approval").AssertCard()).StartTestAsync();
        }

        await AskForAPersonAndSend(Person(bot, "linus").Send("0xCAA20004 on windows").AssertReplyContains("Heads-up").AssertReplyContains("sign-in waiting for approval").AssertCard())
            .StartTestAsync();

        var incidentTicket = (await bot.Tickets.FindAsync("CAA-000002", CancellationToken.None))!;
        var updates = new IncidentTicketUpdates(new ProactiveTicketUpdates(bot.Scheduler, bot.Clock), bot.IncidentRecords!, bot.Scheduler, bot.Clock);
        var resolved = new TicketUpdate(incidentTicket, TicketUpdateKind.StatusChanged, null, new ExternalTicketStatus(TicketStatus.Resolved, "resolved", null));

        await updates.PublishAsync(resolved, CancellationToken.None);
        await updates.PublishAsync(resolved, CancellationToken.None); // a second poller, a retried push

        var ran = await bot.RunDueScheduledTurnsAsync(bot.Adapter);
        Assert.Equal(3, ran.Count);
        var told = new List<Activity>();
        while (bot.Adapter.TryGetNextReply(out var reply))
        {
            told.Add(reply);
        }

        Assert.Equal(["conversation-ada", "conversation-grace", "conversation-linus"], told.Select(reply => reply.Conversation!.Id).Order(StringComparer.Ordinal));
        Assert.All(told, reply => Assert.Contains(
            "the helpdesk has fixed the wider problem with **0xCAA20004** (incident **CAA\\-000002**)", reply.Text, StringComparison.Ordinal));
        Assert.Empty(await bot.RunDueScheduledTurnsAsync(bot.Adapter));
        Assert.Null(await bot.IncidentRecords!.FindOpenAsync("0xCAA20004", CancellationToken.None));
    }

    [Fact]
    public async Task IncidentInProgress_IsNoNewsForTheLinkedPeople()
    {
        await using var bot = await SupportBotHarness.CreateAsync(incidents: TwoMakeAnIncident);
        foreach (var name in new[] { "ada", "grace" })
        {
            await AskForAPersonAndSend(Person(bot, name).Send("0xCAA20004 on windows").AssertReplyContains("sign-in waiting for approval").AssertCard()).StartTestAsync();
        }

        var incidentTicket = (await bot.Tickets.FindAsync("CAA-000002", CancellationToken.None))!;
        var updates = new IncidentTicketUpdates(new ProactiveTicketUpdates(bot.Scheduler, bot.Clock), bot.IncidentRecords!, bot.Scheduler, bot.Clock);

        await updates.PublishAsync(
            new TicketUpdate(incidentTicket, TicketUpdateKind.StatusChanged, null, new ExternalTicketStatus(TicketStatus.InProgress, "open", null)), CancellationToken.None);

        Assert.Empty(await bot.RunDueScheduledTurnsAsync(bot.Adapter));
        Assert.NotNull(await bot.IncidentRecords!.FindOpenAsync("0xCAA20004", CancellationToken.None));
    }
}
