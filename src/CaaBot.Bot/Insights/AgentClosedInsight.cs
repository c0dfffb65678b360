namespace CaaBot.Bot.Insights;

/// <summary>The live agent closed the case; its time to resolution is counted from the case's start.</summary>
public sealed record AgentClosedInsight(string CaseKey, DateTimeOffset At) : InsightEvent(CaseKey, At);
