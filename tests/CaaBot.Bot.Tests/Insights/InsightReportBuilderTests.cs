using CaaBot.Bot.Cards;
using CaaBot.Bot.Dialogs;
using CaaBot.Bot.Insights;
using CaaBot.Bot.Insights.Reports;

namespace CaaBot.Bot.Tests.Insights;

/// <summary>The report's figures on a known set of events.</summary>
public sealed class InsightReportBuilderTests
{
    private static readonly DateTimeOffset Day1 = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);
    private static readonly InsightPeriod November2To4 = new(new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 5));

    /// <summary>
    /// Six cases in the period and one on each side of it: caa20003 fixed at step 2 (twice) and at step 1, once with
    /// step 1 fixed then escalated anyway; caa20004 escalated after step 1; one with no code and no guide escalated;
    /// one handed to a live agent who closed it.
    /// </summary>
    private static List<InsightEvent> Events()
    {
        var events = new List<InsightEvent>();
        Fixed(events, "a", Day1, "0xCAA20003", "caa20003", ["s1", "s2"], TimeSpan.FromMinutes(4), stars: 5);
        Fixed(events, "b", Day1.AddHours(3), "0xCAA20003", "caa20003", ["s1", "s2"], TimeSpan.FromMinutes(10), stars: 4);
        Fixed(events, "c", Day1.AddDays(1), "0xCAA20003", "caa20003", ["s1"], TimeSpan.FromMinutes(2), stars: 2);
        Fixed(events, "d", Day1.AddDays(1), "0xCAA20003", "caa20003", ["s1"], TimeSpan.FromMinutes(30), stars: null);
        events.Add(new CaseEscalatedInsight("d", Day1.AddDays(2), "caa20003", "0xCAA20003", EscalationReason.StepsExhausted));

        events.Add(new CaseStartedInsight("e", Day1.AddDays(2), "0xCAA20004", "caa20004", "msteams", null));
        events.Add(new StepAnsweredInsight("e", Day1.AddDays(2), "caa20004", "t1", "Approve", StepOutcome.AskedForPerson));
        events.Add(new CaseEscalatedInsight("e", Day1.AddDays(2), "caa20004", "0xCAA20004", EscalationReason.AskedForPerson));

        events.Add(new CaseStartedInsight("f", Day1.AddDays(2), null, null, "directline", null));
        events.Add(new CaseEscalatedInsight("f", Day1.AddDays(2), null, null, EscalationReason.NoGuide));
        events.Add(new HandedToAgentInsight("f", Day1.AddDays(2).AddMinutes(5)));
        events.Add(new AgentClosedInsight("f", Day1.AddDays(2).AddMinutes(65)));

        Fixed(events, "before", Day1.AddHours(-8).AddMinutes(-1), "0xCAA20003", "caa20003", ["s1"], TimeSpan.FromMinutes(1), stars: 1);
        Fixed(events, "after", Day1.AddDays(3), "0xCAA20003", "caa20003", ["s1"], TimeSpan.FromMinutes(1), stars: 1);
        return events;
    }

    [Fact]
    public void Build_KnownEvents_CountsCasesOfThePeriodOnly()
    {
        var report = InsightReportBuilder.Build(Events(), November2To4);

        Assert.Equal(6, report.Cases);
        Assert.Equal(3, report.ResolvedWithoutPerson);
        Assert.Equal(3, report.Escalated);
        Assert.Equal(0.5, report.ShareResolvedWithoutPerson);
        Assert.Equal([new CodeCases("0xCAA20003", 4), new CodeCases("0xCAA20004", 1), new CodeCases("none", 1)], report.CasesPerCode);
    }

    [Fact]
    public void Build_KnownEvents_SharesResolvedWithoutPersonPerPlaybook()
    {
        var report = InsightReportBuilder.Build(Events(), November2To4);

        Assert.Equal(
            [new PlaybookResolution("caa20003", 4, 3, 1), new PlaybookResolution("caa20004", 1, 0, 1), new PlaybookResolution("none", 1, 0, 1)],
            report.Playbooks);
        Assert.Equal(0.75, report.Playbooks[0].ShareResolvedWithoutPerson);
    }

    [Fact]
    public void Build_KnownEvents_CountsPerStepTheCasesItFixedMostFirst()
    {
        var report = InsightReportBuilder.Build(Events(), November2To4);

        // s2 fixed a and b; s1 fixed c (d's fix at s1 ended in a ticket, so it does not count as fixed by the bot).
        Assert.Equal(
            [
                new StepFixes("caa20003", "s2", "Step s2", 2, 2),
                new StepFixes("caa20003", "s1", "Step s1", 4, 1),
                new StepFixes("caa20004", "t1", "Approve", 1, 0),
            ],
            report.Steps);
        Assert.Equal(0.25, report.Steps[1].FixRate);
    }

    [Fact]
    public void Build_KnownEvents_EscalationsPerPlaybookAndCode()
    {
        var report = InsightReportBuilder.Build(Events(), November2To4);

        Assert.Equal(
            [new EscalationCount("caa20003", "0xCAA20003", 1), new EscalationCount("caa20004", "0xCAA20004", 1), new EscalationCount("none", "none", 1)],
            report.Escalations);
    }

    [Fact]
    public void Build_KnownEvents_RatingsPerStarAndAverage()
    {
        var report = InsightReportBuilder.Build(Events(), November2To4);

        Assert.Equal([0, 1, 0, 1, 1], report.Ratings.PerStar);
        Assert.Equal(3, report.Ratings.Count);
        Assert.Equal(11 / 3.0, report.Ratings.Average!.Value, 9);
    }

    [Fact]
    public void Build_KnownEvents_TimeToResolutionMedianAndP90()
    {
        var report = InsightReportBuilder.Build(Events(), November2To4);

        // Fixed by the bot: 2, 4 and 10 minutes (d's 30 minutes ended in a ticket). Closed by an agent: 65 minutes.
        Assert.Equal(new DurationSummary(3, 240, 600), report.FixedByBot);
        Assert.Equal(new DurationSummary(1, 3900, 3900), report.ClosedByAgent);
    }

    [Fact]
    public void Build_KnownEvents_OneRowPerDayOfThePeriod()
    {
        var report = InsightReportBuilder.Build(Events(), November2To4);

        Assert.Equal(
            [
                new DailyInsight(new DateOnly(2026, 11, 2), 2, 2, 0),
                new DailyInsight(new DateOnly(2026, 11, 3), 2, 1, 1),
                new DailyInsight(new DateOnly(2026, 11, 4), 2, 0, 2),
            ],
            report.Days);
    }

    [Fact]
    public void Build_NoEvents_ZerosAndNoAverages()
    {
        var report = InsightReportBuilder.Build([], November2To4);

        Assert.Equal(0, report.Cases);
        Assert.Equal(0, report.ShareResolvedWithoutPerson);
        Assert.Null(report.Ratings.Average);
        Assert.Equal(new DurationSummary(0, null, null), report.FixedByBot);
        Assert.Equal(3, report.Days.Count);
    }

    [Fact]
    public void Build_CaseFirstSeenByItsEscalation_CountsFromThatMoment()
    {
        // "agent" typed before any triage: the case has no start event, only its ticket.
        var report = InsightReportBuilder.Build([new CaseEscalatedInsight("g", Day1, null, "AADSTS50076", EscalationReason.AskedForPerson)], November2To4);

        Assert.Equal([new CodeCases("AADSTS50076", 1)], report.CasesPerCode);
        Assert.Equal(1, report.Escalated);
    }

    [Theory]
    [InlineData(new[] { 7.0 }, 7.0, 7.0)]
    [InlineData(new[] { 1.0, 3.0 }, 2.0, 3.0)]
    [InlineData(new[] { 10.0, 1.0, 9.0, 2.0, 8.0, 3.0, 7.0, 4.0, 6.0, 5.0 }, 5.5, 9.0)]
    [InlineData(new[] { 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 100.0 }, 6.0, 10.0)]
    public void DurationSummary_Seconds_MedianAndNearestRankP90(double[] seconds, double median, double p90)
    {
        var summary = DurationSummary.Of(seconds.Select(TimeSpan.FromSeconds));

        Assert.Equal(new DurationSummary(seconds.Length, median, p90), summary);
    }

    private static void Fixed(List<InsightEvent> events, string key, DateTimeOffset at, string code, string playbook, string[] stepIds, TimeSpan after, int? stars)
    {
        events.Add(new CaseStartedInsight(key, at, code, playbook, "msteams", null));
        foreach (var stepId in stepIds)
        {
            var outcome = stepId == stepIds[^1] ? StepOutcome.Fixed : StepOutcome.StillBroken;
            events.Add(new StepAnsweredInsight(key, at.AddMinutes(1), playbook, stepId, "Step " + stepId, outcome));
        }

        events.Add(new CaseFixedInsight(key, at + after, playbook, stepIds[^1], "Step " + stepIds[^1], after));
        if (stars is { } rating)
        {
            events.Add(new CaseRatedInsight(key, at + after, rating));
        }
    }
}
