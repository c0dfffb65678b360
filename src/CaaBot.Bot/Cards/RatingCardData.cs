namespace CaaBot.Bot.Cards;

/// <summary>The one-click rating asked for after a confirmed fix, or after a chat with an agent.</summary>
/// <param name="PlaybookTitle">What was fixed (or who helped), shown above the stars.</param>
public sealed record RatingCardData(string PlaybookTitle)
{
    public string Question { get; init; } = "How much did I help?";
}
