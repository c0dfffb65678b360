namespace CaaBot.Bot.Cards;

/// <summary>What the clicked rating card is replaced with.</summary>
public sealed record RatedData(int Stars);
