namespace CaaBot.Bot.Insights.Reports;

/// <summary>One step of a playbook: how many cases reached it (answered it at all) and how many it fixed.</summary>
public sealed record StepFixes(string Playbook, string StepId, string StepTitle, int CasesAnswered, int CasesFixed)
{
    /// <summary>Share of the cases that answered this step that it fixed, 0 to 1.</summary>
    public double FixRate => CasesAnswered == 0 ? 0 : (double)CasesFixed / CasesAnswered;
}
