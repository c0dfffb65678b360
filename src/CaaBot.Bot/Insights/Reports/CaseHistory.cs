using CaaBot.Bot.Cards;

namespace CaaBot.Bot.Insights.Reports;

/// <summary>Everything the insight stream says about one case, folded in the order it was recorded.</summary>
internal sealed class CaseHistory
{
    private CaseStartedInsight? _started;
    private DateTimeOffset? _firstSeen;
    private string? _escalatedPlaybook;
    private string? _escalatedCode;
    private string? _firstStepPlaybook;

    public DateTimeOffset StartedAt => _started?.At ?? _firstSeen ?? DateTimeOffset.MinValue;

    public string Code => _started?.Code ?? _escalatedCode ?? "none";

    public string Playbook => _started?.Playbook ?? LastFix?.Playbook ?? _escalatedPlaybook ?? _firstStepPlaybook ?? "none";

    /// <summary>The steps answered (going back is navigation, not an answer), with their latest title.</summary>
    public Dictionary<(string Playbook, string StepId), string> StepsAnswered { get; } = [];

    public CaseFixedInsight? LastFix { get; private set; }

    public bool Escalated { get; private set; }

    public bool HandedToAgent { get; private set; }

    public DateTimeOffset? AgentClosedAt { get; private set; }

    public int? Stars { get; private set; }

    /// <summary>A confirmed fix, and no ticket or live agent was involved.</summary>
    public bool ResolvedWithoutPerson => LastFix is not null && !Escalated && !HandedToAgent;

    public void Add(InsightEvent insight)
    {
        _firstSeen ??= insight.At;
        switch (insight)
        {
            case CaseStartedInsight started:
                _started ??= started;
                break;
            case StepAnsweredInsight { Outcome: not StepOutcome.WentBack } answered:
                _firstStepPlaybook ??= answered.Playbook;
                StepsAnswered[(answered.Playbook, answered.StepId)] = answered.StepTitle;
                break;
            case CaseFixedInsight fix:
                LastFix = fix;
                StepsAnswered[(fix.Playbook, fix.StepId)] = fix.StepTitle;
                break;
            case CaseEscalatedInsight escalated:
                Escalated = true;
                _escalatedPlaybook ??= escalated.Playbook;
                _escalatedCode ??= escalated.Code;
                break;
            case CaseRatedInsight rated:
                Stars = rated.Stars;
                break;
            case HandedToAgentInsight:
                HandedToAgent = true;
                break;
            case AgentClosedInsight closed:
                AgentClosedAt = closed.At;
                break;
        }
    }
}
