using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using CaaBot.Bot.Insights.Reports;

namespace CaaBot.Web.HelpdeskConsole.Insights;

/// <summary>Reads <c>?from=YYYY-MM-DD&amp;to=YYYY-MM-DD</c> (to not included); without them, the last 30 days up to today.</summary>
public static class InsightPeriodQuery
{
    public const int DefaultDays = 30;

    public static bool TryParse(string? from, string? to, DateTimeOffset now, [NotNullWhen(true)] out InsightPeriod? period, [NotNullWhen(false)] out string? error)
    {
        period = null;
        var defaults = InsightPeriod.Last(DefaultDays, now);
        if (!TryParseDay(to, defaults.To, out var toDay))
        {
            error = "'to' must be a date written YYYY-MM-DD, e.g. 2026-11-30.";
            return false;
        }

        if (!TryParseDay(from, toDay.AddDays(-DefaultDays), out var fromDay))
        {
            error = "'from' must be a date written YYYY-MM-DD, e.g. 2026-11-01.";
            return false;
        }

        if (fromDay >= toDay)
        {
            error = "'from' must be before 'to' (the period runs from 'from' up to, not including, 'to').";
            return false;
        }

        if (toDay.DayNumber - fromDay.DayNumber > InsightPeriod.MaxDays)
        {
            error = $"The period is longer than {InsightPeriod.MaxDays} days; choose a shorter one.";
            return false;
        }

        period = new InsightPeriod(fromDay, toDay);
        error = null;
        return true;
    }

    private static bool TryParseDay(string? text, DateOnly fallback, out DateOnly day)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            day = fallback;
            return true;
        }

        return DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
    }
}
