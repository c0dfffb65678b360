using CaaBot.Bot.Cards;

namespace CaaBot.Bot.Insights;

/// <summary>A step card was answered. <paramref name="StepTitle"/> is the playbook's own title (admin text, not the user's).</summary>
public sealed record StepAnsweredInsight(string CaseKey, DateTimeOffset At, string Playbook, string StepId, string StepTitle, StepOutcome Outcome)
    : InsightEvent(CaseKey, At);
