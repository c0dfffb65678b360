namespace CaaBot.Bot.Insights;

/// <summary>The user confirmed that <paramref name="StepId"/> fixed it, <paramref name="TimeFromStart"/> after the case began.</summary>
public sealed record CaseFixedInsight(string CaseKey, DateTimeOffset At, string Playbook, string StepId, string StepTitle, TimeSpan TimeFromStart)
    : InsightEvent(CaseKey, At);
