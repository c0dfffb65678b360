namespace CaaBot.Bot.Cards;

/// <summary>What the sent escalation summary is replaced with.</summary>
public sealed record TicketFiledData(string TicketNumber);
