namespace CaaBot.Bot.Insights.Reports;

/// <summary>Ratings given (the last one per case): <see cref="PerStar"/>[0] is one star … [4] five stars.</summary>
public sealed record RatingSummary(IReadOnlyList<int> PerStar, double? Average)
{
    public int Count => PerStar.Sum();
}
