using CaaBot.Bot.Dialogs;

namespace CaaBot.Bot.Insights;

/// <summary>A ticket was filed for the case (null playbook or code: there was none).</summary>
public sealed record CaseEscalatedInsight(string CaseKey, DateTimeOffset At, string? Playbook, string? Code, EscalationReason Reason)
    : InsightEvent(CaseKey, At);
