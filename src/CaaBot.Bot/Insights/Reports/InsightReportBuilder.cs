namespace CaaBot.Bot.Insights.Reports;

/// <summary>Turns the recorded insight events into the figures of one period (pure: no store, no clock).</summary>
public static class InsightReportBuilder
{
    public static InsightReport Build(IEnumerable<InsightEvent> events, InsightPeriod period)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(period);
        var histories = new Dictionary<string, CaseHistory>(StringComparer.Ordinal);
        foreach (var insight in events)
        {
            if (!histories.TryGetValue(insight.CaseKey, out var history))
            {
                histories[insight.CaseKey] = history = new CaseHistory();
            }

            history.Add(insight);
        }

        var cases = histories.Values.Where(history => period.Contains(history.StartedAt)).ToList();
        return new InsightReport(
            period,
            cases.Count,
            cases.Count(history => history.ResolvedWithoutPerson),
            cases.Count(history => history.Escalated),
            [.. cases.GroupBy(history => history.Code, StringComparer.Ordinal)
                .Select(group => new CodeCases(group.Key, group.Count()))
                .OrderByDescending(row => row.Cases).ThenBy(row => row.Code, StringComparer.Ordinal)],
            [.. cases.GroupBy(history => history.Playbook, StringComparer.Ordinal)
                .Select(group => new PlaybookResolution(group.Key, group.Count(), group.Count(history => history.ResolvedWithoutPerson), group.Count(history => history.Escalated)))
                .OrderByDescending(row => row.Cases).ThenBy(row => row.Playbook, StringComparer.Ordinal)],
            StepsOf(cases),
            [.. cases.Where(history => history.Escalated)
                .GroupBy(history => (history.Playbook, history.Code))
                .Select(group => new EscalationCount(group.Key.Playbook, group.Key.Code, group.Count()))
                .OrderByDescending(row => row.Escalations).ThenBy(row => row.Playbook, StringComparer.Ordinal).ThenBy(row => row.Code, StringComparer.Ordinal)],
            RatingsOf(cases),
            DurationSummary.Of(cases.Where(history => history.ResolvedWithoutPerson).Select(history => history.LastFix!.TimeFromStart)),
            DurationSummary.Of(cases.Where(history => history.AgentClosedAt is not null).Select(history => history.AgentClosedAt!.Value - history.StartedAt)),
            DaysOf(period, cases));
    }

    private static List<StepFixes> StepsOf(List<CaseHistory> cases)
    {
        var steps = new Dictionary<(string Playbook, string StepId), (string Title, int Answered, int Fixed)>();
        foreach (var history in cases)
        {
            var fixedBy = history.ResolvedWithoutPerson ? (history.LastFix!.Playbook, history.LastFix.StepId) : default;
            foreach (var (step, title) in history.StepsAnswered)
            {
                var (_, answered, fixedCount) = steps.GetValueOrDefault(step);
                steps[step] = (title, answered + 1, fixedCount + (step == fixedBy ? 1 : 0));
            }
        }

        return [.. steps
            .Select(pair => new StepFixes(pair.Key.Playbook, pair.Key.StepId, pair.Value.Title, pair.Value.Answered, pair.Value.Fixed))
            .OrderByDescending(row => row.CasesFixed).ThenByDescending(row => row.CasesAnswered)
            .ThenBy(row => row.Playbook, StringComparer.Ordinal).ThenBy(row => row.StepId, StringComparer.Ordinal)];
    }

    private static RatingSummary RatingsOf(List<CaseHistory> cases)
    {
        var stars = cases.Where(history => history.Stars is >= 1 and <= 5).Select(history => history.Stars!.Value).ToList();
        var perStar = new int[5];
        foreach (var star in stars)
        {
            perStar[star - 1]++;
        }

        return new RatingSummary(perStar, stars.Count == 0 ? null : stars.Average());
    }

    private static List<DailyInsight> DaysOf(InsightPeriod period, List<CaseHistory> cases)
    {
        var byDay = cases.ToLookup(history => DateOnly.FromDateTime(history.StartedAt.UtcDateTime));
        return [.. Enumerable.Range(0, period.Days).Select(offset =>
        {
            var day = period.From.AddDays(offset);
            var started = byDay[day].ToList();
            return new DailyInsight(day, started.Count, started.Count(history => history.ResolvedWithoutPerson), started.Count(history => history.Escalated));
        })];
    }
}
