namespace CaaBot.Bot.Insights;

/// <summary>The user rated the help, 1 to 5 stars.</summary>
public sealed record CaseRatedInsight(string CaseKey, DateTimeOffset At, int Stars) : InsightEvent(CaseKey, At);
