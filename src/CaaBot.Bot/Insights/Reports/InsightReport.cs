namespace CaaBot.Bot.Insights.Reports;

/// <summary>
/// The helpdesk lead's figures for the cases that started in <see cref="Period"/>, counting what happened to them up to
/// now (a case started on the last day and fixed the day after counts as fixed). Rows are sorted biggest first.
/// </summary>
public sealed record InsightReport(
    InsightPeriod Period,
    int Cases,
    int ResolvedWithoutPerson,
    int Escalated,
    IReadOnlyList<CodeCases> CasesPerCode,
    IReadOnlyList<PlaybookResolution> Playbooks,
    IReadOnlyList<StepFixes> Steps,
    IReadOnlyList<EscalationCount> Escalations,
    RatingSummary Ratings,
    DurationSummary FixedByBot,
    DurationSummary ClosedByAgent,
    IReadOnlyList<DailyInsight> Days)
{
    public double ShareResolvedWithoutPerson => Cases == 0 ? 0 : (double)ResolvedWithoutPerson / Cases;
}
