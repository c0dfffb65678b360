using System.Globalization;
using System.Text;
using CaaBot.Bot.Insights.Reports;

namespace CaaBot.Web.HelpdeskConsole.Insights;

/// <summary>
/// The report as one long CSV table (RFC 4180), one figure per row, so a spreadsheet can filter and pivot it:
/// <c>section,playbook,code,step_id,step_title,day,metric,value</c>. Text cells are quoted where needed and, when they
/// start with = + - @ or a tab or carriage return, prefixed with <c>'</c> so a spreadsheet never runs them as a formula.
/// </summary>
public static class InsightsCsv
{
    public const string Header = "section,playbook,code,step_id,step_title,day,metric,value";

    public static string Write(InsightReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var csv = new StringBuilder().Append(Header).Append("\r\n");
        void Row(string section, string metric, string value, string? playbook = null, string? code = null, string? stepId = null, string? stepTitle = null, DateOnly? day = null) =>
            csv.AppendJoin(',', Cell(section), Cell(playbook), Cell(code), Cell(stepId), Cell(stepTitle), day is { } date ? Day(date) : string.Empty, Cell(metric), value).Append("\r\n");

        Row("period", "from", Day(report.Period.From));
        Row("period", "to_excluded", Day(report.Period.To));
        Row("summary", "cases", Number(report.Cases));
        Row("summary", "resolved_without_person", Number(report.ResolvedWithoutPerson));
        Row("summary", "share_resolved_without_person", Number(report.ShareResolvedWithoutPerson));
        Row("summary", "escalated", Number(report.Escalated));
        foreach (var row in report.CasesPerCode)
        {
            Row("cases_per_code", "cases", Number(row.Cases), code: row.Code);
        }

        foreach (var row in report.Playbooks)
        {
            Row("playbook", "cases", Number(row.Cases), row.Playbook);
            Row("playbook", "resolved_without_person", Number(row.ResolvedWithoutPerson), row.Playbook);
            Row("playbook", "share_resolved_without_person", Number(row.ShareResolvedWithoutPerson), row.Playbook);
            Row("playbook", "escalated", Number(row.Escalated), row.Playbook);
        }

        foreach (var row in report.Steps)
        {
            Row("step", "cases_answered", Number(row.CasesAnswered), row.Playbook, stepId: row.StepId, stepTitle: row.StepTitle);
            Row("step", "cases_fixed", Number(row.CasesFixed), row.Playbook, stepId: row.StepId, stepTitle: row.StepTitle);
        }

        foreach (var row in report.Escalations)
        {
            Row("escalations", "escalations", Number(row.Escalations), row.Playbook, row.Code);
        }

        for (var star = 1; star <= report.Ratings.PerStar.Count; star++)
        {
            Row("ratings", Number(star) + "_stars", Number(report.Ratings.PerStar[star - 1]));
        }

        Row("ratings", "average", report.Ratings.Average is { } average ? Number(average) : string.Empty);
        Durations("fixed_by_bot", report.FixedByBot);
        Durations("closed_by_agent", report.ClosedByAgent);
        foreach (var row in report.Days)
        {
            Row("day", "cases", Number(row.Cases), day: row.Day);
            Row("day", "resolved_without_person", Number(row.ResolvedWithoutPerson), day: row.Day);
            Row("day", "escalated", Number(row.Escalated), day: row.Day);
        }

        return csv.ToString();

        void Durations(string section, DurationSummary summary)
        {
            Row(section, "resolved_cases", Number(summary.Count));
            Row(section, "median_seconds", summary.MedianSeconds is { } median ? Number(median) : string.Empty);
            Row(section, "p90_seconds", summary.P90Seconds is { } p90 ? Number(p90) : string.Empty);
        }
    }

    /// <summary>One text cell (<see cref="ConsoleCsv.Cell"/>).</summary>
    public static string Cell(string? text) => ConsoleCsv.Cell(text);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(double value) => Math.Round(value, 4).ToString("0.####", CultureInfo.InvariantCulture);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
