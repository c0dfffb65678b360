namespace CaaBot.Bot.Insights;

/// <summary>A live agent took the conversation over (no agent name: the insights are about cases, not people).</summary>
public sealed record HandedToAgentInsight(string CaseKey, DateTimeOffset At) : InsightEvent(CaseKey, At);
