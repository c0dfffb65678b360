using CaaBot.Helpdesk.Handoff;
using CaaBot.Helpdesk.Tickets;

namespace CaaBot.Bot.Tests.LiveChat.Teams;

/// <summary>Live chats as the desk hands them to the helpdesk channel.</summary>
internal static class HandoffSamples
{
    public static readonly DateTimeOffset At = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    public static TicketRequest Request(string userName = "Ada", string? words = "Teams keeps asking me to sign in") => new()
    {
        RequestId = "case-1",
        Requester = new TicketRequester("msteams", "29:ada", userName),
        ErrorCode = "0xCAA20003",
        Device = "Windows PC",
        PlaybookTitle = "Teams can't reach the sign-in service",
        Group = "identity",
        Priority = "high",
        UserWords = words,
        Steps =
        [
            new TicketStep("restart", "Restart Teams", TicketStepOutcome.StillBroken, At),
            new TicketStep("clock", "Check the clock", TicketStepOutcome.Skipped, At),
        ],
        Conversation = new CaaBot.Protocol.Schema.ConversationReference
        {
            ChannelId = "msteams",
            ServiceUrl = "https://smba.example.test/amer/",
            Conversation = new CaaBot.Protocol.Schema.ConversationAccount { Id = "a:ada" },
        },
    };

    public static HandoffSession Waiting(TicketRequest? request = null) => new("0123456789abcdef", "CAA-000042", request ?? Request(), At);

    public static HandoffSession TakenBy(string name, AgentChannel via) =>
        Waiting() with { State = HandoffState.Active, Agent = new HandoffAgent("teams:" + name, name, via), TakenAt = At };

    public static HandoffSession Ended(HandoffEnd end) => TakenBy("Alex", AgentChannel.Teams) with { State = HandoffState.Ended, End = end, EndedAt = At };
}
