using CaaBot.Knowledge.Playbooks;

namespace CaaBot.Bot.Insights;

/// <summary>Triage finished: the case is about <paramref name="Code"/> (null: the user had none) and goes to <paramref name="Playbook"/> (null: no guide).</summary>
/// <param name="Channel">Where the user chats from (<c>msteams</c>, <c>directline</c>, …).</param>
/// <param name="Platform">Where Teams fails, when known.</param>
public sealed record CaseStartedInsight(string CaseKey, DateTimeOffset At, string? Code, string? Playbook, string Channel, PlaybookPlatform? Platform)
    : InsightEvent(CaseKey, At);
