namespace CaaBot.Bot.Insights.Reports;

/// <summary>The cases that started on <paramref name="Day"/> (UTC), and what became of them so far.</summary>
public sealed record DailyInsight(DateOnly Day, int Cases, int ResolvedWithoutPerson, int Escalated);
