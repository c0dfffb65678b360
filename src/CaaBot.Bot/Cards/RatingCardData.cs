namespace CaaBot.Bot.Cards;

/// <summary>The one-click rating asked for after a confirmed fix.</summary>
/// <param name="PlaybookTitle">What was fixed, shown above the stars.</param>
public sealed record RatingCardData(string PlaybookTitle);
