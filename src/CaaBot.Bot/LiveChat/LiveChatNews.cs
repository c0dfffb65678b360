using CaaBot.Helpdesk.Handoff;

namespace CaaBot.Bot.LiveChat;

/// <summary>What a scheduled live-chat turn tells the user: an agent joined, said something, or left.</summary>
public sealed record LiveChatNews(string SessionId, HandoffChangeKind Kind, string AgentName)
{
    public string? Text { get; init; }

    public HandoffEnd? End { get; init; }

    public string? TicketNumber { get; init; }
}
