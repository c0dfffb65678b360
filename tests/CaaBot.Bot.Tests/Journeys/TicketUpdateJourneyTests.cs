using CaaBot.Bot.TicketUpdates;
using CaaBot.Helpdesk.Connectors;
using CaaBot.Helpdesk.Tickets;
using CaaBot.Protocol.Schema;
using static CaaBot.Bot.Tests.Journeys.JourneyCards;

namespace CaaBot.Bot.Tests.Journeys;

/// <summary>News about a ticket reaches the user in the conversation they filed it from, after the turn has ended.</summary>
public sealed class TicketUpdateJourneyTests
{
    private static async Task<Ticket> FileTicketAsync(SupportBotHarness bot)
    {
        await bot.Flow()
            .Send("0xCAA20004 on windows").AssertReplyContains("sign-in waiting for approval").AssertCard()
            .Send("agent").AssertReplyContains("let's get you to a person").AssertCard()
            .SubmitLatestCard(new { consent = "true" }, "Send to helpdesk")
            .AssertReply(UpdateContaining("CAA-000001"))
            .AssertReplyContains("Your ticket number is **CAA-000001**")
            .StartTestAsync();
        return Assert.Single(await bot.Tickets.ListRecentAsync(10, CancellationToken.None));
    }

    private static ExternalTicket Rt42 { get; } = new("rt", "42", "RT #42", new Uri("https://rt.example/Ticket/Display.html?id=42"));

    [Fact]
    public async Task Delivered_AfterTheUserWasToldItIsQueued_TellsThemTheHelpdeskNumber()
    {
        await using var bot = await SupportBotHarness.CreateAsync();
        var ticket = await FileTicketAsync(bot);

        await new ProactiveTicketUpdates(bot.Scheduler, bot.Clock).PublishAsync(new TicketUpdate(ticket, TicketUpdateKind.Delivered, Rt42, null), CancellationToken.None);

        await bot.Flow()
            .Do("run what is due", async _ => Assert.Single(await bot.RunDueScheduledTurnsAsync(bot.Adapter)))
            .AssertReply(reply =>
            {
                Assert.Contains("**RT \\#42** (CaaBot CAA\\-000001)", reply.Text, StringComparison.Ordinal);
                Assert.Null(reply.ReplyToId);
            })
            .AssertNoReply()
            .StartTestAsync();
    }

    [Fact]
    public async Task StatusChanged_WithAReply_QuotesItEscaped()
    {
        await using var bot = await SupportBotHarness.CreateAsync();
        var ticket = await FileTicketAsync(bot);
        var status = new ExternalTicketStatus(TicketStatus.Resolved, "resolved", "We reset your token. <script>alert(1)</script> [click](https://evil.example)\nSecond line");

        await new ProactiveTicketUpdates(bot.Scheduler, bot.Clock).PublishAsync(new TicketUpdate(ticket, TicketUpdateKind.StatusChanged, Rt42, status), CancellationToken.None);

        await bot.Flow()
            .Do("run what is due", async _ => await bot.RunDueScheduledTurnsAsync(bot.Adapter))
            .AssertReply(reply =>
            {
                Assert.Contains("it is now marked resolved", reply.Text, StringComparison.Ordinal);
                Assert.Contains("\\<script\\>", reply.Text, StringComparison.Ordinal);
                Assert.Contains("\\[click\\]\\(https://evil\\.example\\)", reply.Text, StringComparison.Ordinal);
                Assert.Contains("\n> Second line", reply.Text, StringComparison.Ordinal);
            })
            .StartTestAsync();
    }

    [Fact]
    public async Task StatusChanged_ReportedTwice_IsToldOnce()
    {
        await using var bot = await SupportBotHarness.CreateAsync();
        var ticket = await FileTicketAsync(bot);
        var updates = new ProactiveTicketUpdates(bot.Scheduler, bot.Clock);
        var update = new TicketUpdate(ticket, TicketUpdateKind.StatusChanged, Rt42, new ExternalTicketStatus(TicketStatus.InProgress, "open", null));

        await updates.PublishAsync(update, CancellationToken.None);
        await updates.PublishAsync(update, CancellationToken.None);

        await bot.Flow()
            .Do("run what is due", async _ => Assert.Single(await bot.RunDueScheduledTurnsAsync(bot.Adapter)))
            .AssertReplyContains("being worked on")
            .AssertNoReply()
            .StartTestAsync();
    }

    [Fact]
    public async Task TicketWithoutAConversation_IsNotScheduled()
    {
        await using var bot = await SupportBotHarness.CreateAsync();
        var ticket = await FileTicketAsync(bot);
        var orphan = ticket with { Request = ticket.Request with { Conversation = null } };

        await new ProactiveTicketUpdates(bot.Scheduler, bot.Clock).PublishAsync(new TicketUpdate(orphan, TicketUpdateKind.Delivered, Rt42, null), CancellationToken.None);

        Assert.Empty(await bot.RunDueScheduledTurnsAsync(bot.Adapter));
    }

    [Fact]
    public async Task ClientPostedEventUnderTheSameName_IsIgnored()
    {
        await using var bot = await SupportBotHarness.CreateAsync();
        await FileTicketAsync(bot);

        await bot.Flow()
            .Send(bot.Adapter.MakeIncoming(ActivityTypes.Event) with
            {
                Name = ProactiveTicketUpdates.EventName,
                Value = System.Text.Json.JsonSerializer.SerializeToElement(new { ticketNumber = "CAA-000001", kind = "Delivered", externalNumber = "RT #666" }),
            })
            .AssertNoReply()
            .StartTestAsync();
    }
}
