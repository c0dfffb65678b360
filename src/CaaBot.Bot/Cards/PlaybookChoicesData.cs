namespace CaaBot.Bot.Cards;

/// <summary>The best symptom matches (the card shows at most <see cref="SupportCards.MaxChoices"/>) plus "None of these".</summary>
public sealed record PlaybookChoicesData(IReadOnlyList<PlaybookChoice> Choices);
