namespace CaaBot.Bot.Insights.Reports;

/// <summary>The days [<paramref name="From"/>, <paramref name="To"/>) in UTC; a report is about the cases that started in them.</summary>
public sealed record InsightPeriod(DateOnly From, DateOnly To)
{
    /// <summary>The longest period one report covers (its per-day series has one row per day).</summary>
    public const int MaxDays = 366;

    public int Days => To.DayNumber - From.DayNumber;

    public DateTimeOffset Start => new(From.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public DateTimeOffset End => new(To.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public bool Contains(DateTimeOffset moment) => moment >= Start && moment < End;

    /// <summary>The <paramref name="days"/> days up to and including the day of <paramref name="now"/> (UTC).</summary>
    public static InsightPeriod Last(int days, DateTimeOffset now)
    {
        var tomorrow = DateOnly.FromDateTime(now.UtcDateTime).AddDays(1);
        return new InsightPeriod(tomorrow.AddDays(-days), tomorrow);
    }
}
