namespace CaaBot.Bot.Insights.Reports;

/// <summary>
/// Builds a period's report from the whole insight stream. Reading everything per request is fine at a helpdesk's
/// volume (tens of thousands of events); an index by day would be the next step past that.
/// </summary>
public sealed class InsightReports(InsightStream stream)
{
    public async Task<InsightReport> BuildAsync(InsightPeriod period, CancellationToken cancellationToken) =>
        InsightReportBuilder.Build(await stream.ReadAllAsync(cancellationToken), period);
}
