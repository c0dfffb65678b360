using System.Text.Json;
using CaaBot.Bot.Dialogs;
using CaaBot.Bot.LiveChat;
using CaaBot.Helpdesk.Handoff;
using CaaBot.Protocol.Schema;
using static CaaBot.Bot.Tests.Journeys.JourneyCards;

namespace CaaBot.Bot.Tests.Journeys;

/// <summary>
/// After the ticket, a person in the same chat when one is online: the user is queued, told who joined, talks to
/// them through the bot, and is offered a rating when the agent closes. The agent's side is the desk itself here
/// (the console and the Teams channel call the same methods).
/// </summary>
public sealed class LiveChatJourneyTests
{
    private static readonly HandoffAgent Alex = new("local:alex", "Alex Moreno", AgentChannel.Console);

    private static TestFlowOfTicket Escalate(SupportBotHarness bot) => new(bot.Flow()
        .Send("0xCAA20004 on windows").AssertReplyContains("sign-in waiting for approval").AssertCard()
        .Send("agent").AssertReplyContains("let's get you to a person").AssertCard()
        .SubmitLatestCard(new { consent = "true" }, "Send to helpdesk")
        .AssertReply(UpdateContaining("CAA-000001")));

    private sealed record TestFlowOfTicket(Conversations.Testing.TestFlow Flow);

    private static async Task<SupportBotHarness> WithAgentOnlineAsync()
    {
        var bot = await SupportBotHarness.CreateAsync();
        await bot.Presence.HereAsync(Alex, TimeSpan.FromMinutes(5), CancellationToken.None);
        return bot;
    }

    private static async Task<HandoffSession> WaitingSessionAsync(SupportBotHarness bot) =>
        Assert.Single(await bot.Desk.ListOpenAsync(CancellationToken.None));

    [Fact]
    public async Task NobodyOnline_TicketOnlyWithWhenToExpectAnAnswer()
    {
        await using var bot = await SupportBotHarness.CreateAsync();
        bot.LiveChatOptions.ExpectedResponse = "within four working hours";

        await Escalate(bot).Flow
            .AssertReply(reply =>
            {
                Assert.Contains("Your ticket number is **CAA-000001**", reply.Text, StringComparison.Ordinal);
                Assert.EndsWith("Nobody from the helpdesk is free to chat right now; they will answer your ticket within four working hours.", reply.Text, StringComparison.Ordinal);
            })
            .AssertNoReply()
            .StartTestAsync();
        Assert.Empty(await bot.Desk.ListOpenAsync(CancellationToken.None));
    }

    [Fact]
    public async Task AgentOnlineButOutsideBusinessHours_NoLiveChatOffered()
    {
        await using var bot = await WithAgentOnlineAsync();
        // The harness clock says 09:00 UTC; the helpdesk opens at 10:00.
        bot.LiveChatOptions.BusinessHours = new BusinessHoursOptions { Opens = new TimeOnly(10, 0), Closes = new TimeOnly(18, 0) };

        await Escalate(bot).Flow
            .AssertReplyContains("Nobody from the helpdesk is free to chat right now")
            .AssertNoReply()
            .StartTestAsync();
    }

    [Fact]
    public async Task AgentOnline_WholeChat_JoinedTalkedClosedRated()
    {
        await using var bot = await WithAgentOnlineAsync();
        await Escalate(bot).Flow
            .AssertReply(reply => Assert.DoesNotContain("Nobody from the helpdesk", reply.Text, StringComparison.Ordinal))
            .AssertReply(EscalationDialog.LiveChatOffer)
            .Send(EscalationDialog.ChatNowChoice)
            .AssertReply(reply =>
            {
                Assert.StartsWith("I've asked the helpdesk to join this chat.", reply.Text, StringComparison.Ordinal);
                Assert.Equal([LiveChatConversation.EndChatChoice], reply.SuggestedActions!.Actions.Select(action => action.Title));
            })
            .AssertReply(initiate =>
            {
                Assert.Equal(ActivityTypes.Event, initiate.Type);
                Assert.Equal(LiveChatConversation.InitiateEventName, initiate.Name);
                Assert.Equal("CAA-000001", initiate.Value!.Value.GetProperty("ticketNumber").GetString());
                var transcript = Assert.Single(initiate.Attachments!);
                Assert.Equal("Transcript", transcript.Name);
                Assert.Equal(JsonValueKind.Array, transcript.Content!.Value.GetProperty("activities").ValueKind);
                Assert.NotNull(initiate.RelatesTo?.Conversation?.Id);
            })
            .AssertNoReply()
            .Send("hello, anyone there?")
            .AssertReplyContains("Still finding you an agent")
            .Send("it says 0xCAA20004 again")
            .AssertNoReply()
            .StartTestAsync();

        var session = await WaitingSessionAsync(bot);
        Assert.Equal("CAA-000001", session.TicketNumber);
        Assert.Equal(["hello, anyone there?", "it says 0xCAA20004 again"], (await bot.Desk.ReadMessagesAsync(session.Id, 0, CancellationToken.None)).Select(line => line.Message.Text));

        await bot.Desk.TakeAsync(session.Id, Alex, CancellationToken.None);
        await bot.Desk.AgentSaysAsync(session.Id, Alex.Id, "Hi! Please sign out of the Authenticator <b>app</b> and back in.", CancellationToken.None);
        await bot.Flow()
            .Do("run what is due", async _ => Assert.Equal(2, (await bot.RunDueScheduledTurnsAsync(bot.Adapter)).Count))
            .AssertReply(joined => Assert.StartsWith("**Alex Moreno** from the helpdesk has joined. You're now chatting with a person", joined.Text, StringComparison.Ordinal))
            .AssertReply("**Alex Moreno:** Hi\\! Please sign out of the Authenticator \\<b\\>app\\</b\\> and back in\\.")
            .Send("done, it works now")
            .AssertNoReply()
            .StartTestAsync();
        Assert.Equal("done, it works now", (await bot.Desk.ReadMessagesAsync(session.Id, 0, CancellationToken.None))[^1].Message.Text);

        await bot.Desk.EndAsync(session.Id, HandoffEnd.Closed, Alex.Id, CancellationToken.None);
        await bot.Flow()
            .Do("run what is due", async _ => await bot.RunDueScheduledTurnsAsync(bot.Adapter))
            .AssertReply("Alex Moreno has closed the chat. You're back with me, CaaBot.")
            .AssertCard(Containing("How did the helpdesk do?"))
            .SubmitLatestCard(actionTitle: "5 ★")
            .AssertReply(UpdateContaining("5"))
            .AssertReplyContains("Thanks, I'll pass that on to Alex Moreno's team.")
            .Send("0xCAA20003")
            .AssertReplyContains("Where do you see the error?")
            .StartTestAsync();

        // The insights count the case as taken and closed by a person, and rated 5 for it.
        var caseKey = CaaBot.Bot.Insights.InsightCaseKey.For(session.Request.RequestId);
        var insights = (await bot.Insights.ReadAllAsync(CancellationToken.None)).Where(insight => insight.CaseKey == caseKey).ToList();
        Assert.Single(insights.OfType<CaaBot.Bot.Insights.HandedToAgentInsight>());
        Assert.Single(insights.OfType<CaaBot.Bot.Insights.AgentClosedInsight>());
        Assert.Equal(5, Assert.Single(insights.OfType<CaaBot.Bot.Insights.CaseRatedInsight>()).Stars);
    }

    [Fact]
    public async Task AgentHandsBack_TheBotAnswersAgain()
    {
        await using var bot = await WithAgentOnlineAsync();
        await Escalate(bot).Flow.AssertReplyContains("Your ticket number").AssertReply(EscalationDialog.LiveChatOffer)
            .Send("yes").AssertReplyContains("I've asked the helpdesk").AssertReply(initiate => Assert.Equal(ActivityTypes.Event, initiate.Type))
            .StartTestAsync();
        var session = await WaitingSessionAsync(bot);
        await bot.Desk.TakeAsync(session.Id, Alex, CancellationToken.None);
        await bot.Desk.EndAsync(session.Id, HandoffEnd.HandedBack, Alex.Id, CancellationToken.None);

        await bot.Flow()
            .Do("run what is due", async _ => await bot.RunDueScheduledTurnsAsync(bot.Adapter))
            .AssertReplyContains("has joined")
            .AssertReply("Alex Moreno has left the chat and handed you back to me, CaaBot. Type an error code or tell me what's happening if you need more help.")
            .Send("0xCAA20003")
            .AssertReplyContains("Where do you see the error?")
            .StartTestAsync();
        Assert.Empty(await bot.Desk.ReadMessagesAsync(session.Id, 0, CancellationToken.None));
    }

    [Fact]
    public async Task UserEndsTheChatWhileWaiting_LeavesTheQueueAndTheTicketStands()
    {
        await using var bot = await WithAgentOnlineAsync();
        await Escalate(bot).Flow.AssertReplyContains("Your ticket number").AssertReply(EscalationDialog.LiveChatOffer)
            .Send(EscalationDialog.ChatNowChoice).AssertReplyContains("I've asked the helpdesk").AssertReply(initiate => Assert.Equal(ActivityTypes.Event, initiate.Type))
            .StartTestAsync();
        var session = await WaitingSessionAsync(bot);

        await bot.Flow()
            .Send(LiveChatConversation.EndChatChoice)
            .AssertReply("You've left the chat with the helpdesk. Your ticket stays open. Message me any time if you need more help.")
            .Do("run what is due", async _ => Assert.Empty(await bot.RunDueScheduledTurnsAsync(bot.Adapter)))
            .AssertNoReply()
            .StartTestAsync();

        Assert.Equal(HandoffEnd.UserLeft, (await bot.Desk.FindAsync(session.Id, CancellationToken.None))!.End);
        Assert.Empty(await bot.Desk.ListOpenAsync(CancellationToken.None));
    }

    [Fact]
    public async Task NoThanks_JustTheTicket()
    {
        await using var bot = await WithAgentOnlineAsync();
        await Escalate(bot).Flow.AssertReplyContains("Your ticket number").AssertReply(EscalationDialog.LiveChatOffer)
            .Send(EscalationDialog.TicketIsEnoughChoice)
            .AssertReply("OK. Your ticket is with the helpdesk; ask me for its status any time.")
            .StartTestAsync();

        Assert.Empty(await bot.Desk.ListOpenAsync(CancellationToken.None));
    }

    [Fact]
    public async Task AgentHub_AcceptedThenCompleted_TellsWhoJoinedAndAsksForARating()
    {
        await using var bot = await WithAgentOnlineAsync();
        await Escalate(bot).Flow.AssertReplyContains("Your ticket number").AssertReply(EscalationDialog.LiveChatOffer)
            .Send(EscalationDialog.ChatNowChoice).AssertReplyContains("I've asked the helpdesk").AssertReply(initiate => Assert.Equal(ActivityTypes.Event, initiate.Type))
            .Send(HubStatus("accepted", "Priya (Omnichannel)"))
            .AssertNoReply()
            .Do("run what is due", async _ => await bot.RunDueScheduledTurnsAsync(bot.Adapter))
            .AssertReplyContains("**Priya \\(Omnichannel\\)** from the helpdesk has joined.")
            .Send(HubStatus("completed", null))
            .Do("run what is due", async _ => await bot.RunDueScheduledTurnsAsync(bot.Adapter))
            .AssertReplyContains("has closed the chat")
            .AssertCard(Containing("How did the helpdesk do?"))
            .StartTestAsync();

        var ended = Assert.Single(await bot.Desk.ReadFeedAsync(0, 100, CancellationToken.None), entry => entry.Entry.Kind == HandoffChangeKind.Ended);
        Assert.Equal(HandoffEnd.Closed, (await bot.Desk.FindAsync(ended.Entry.SessionId, CancellationToken.None))!.End);
    }

    [Fact]
    public async Task AgentHub_Failed_TheTicketStandsWithWhenToExpectAnAnswer()
    {
        await using var bot = await WithAgentOnlineAsync();
        await Escalate(bot).Flow.AssertReplyContains("Your ticket number").AssertReply(EscalationDialog.LiveChatOffer)
            .Send(EscalationDialog.ChatNowChoice).AssertReplyContains("I've asked the helpdesk").AssertReply(initiate => Assert.Equal(ActivityTypes.Event, initiate.Type))
            .Send(HubStatus("failed", null))
            .Do("run what is due", async _ => await bot.RunDueScheduledTurnsAsync(bot.Adapter))
            .AssertReply("No agent could take the chat this time. Your ticket **CAA\\-000001** stays with the helpdesk, and they will answer it within one working day.")
            .Send("0xCAA20003")
            .AssertReplyContains("Where do you see the error?")
            .StartTestAsync();
    }

    [Fact]
    public async Task HubStatus_WithoutALiveChat_IsIgnored()
    {
        await using var bot = await SupportBotHarness.CreateAsync();
        await bot.Flow()
            .Send(HubStatus("accepted", "Someone"))
            .AssertNoReply()
            .StartTestAsync();

        Assert.Empty(await bot.Desk.ReadFeedAsync(0, 10, CancellationToken.None));
    }

    private static Activity HubStatus(string state, string? agentName) => new()
    {
        Type = ActivityTypes.Event,
        Name = LiveChatConversation.StatusEventName,
        Value = JsonSerializer.SerializeToElement(new { state, agentName }),
    };
}
