namespace CaaBot.Bot.Insights.Reports;

/// <summary>
/// Times to resolution, from the case's start: the median (the middle value, or the mean of the two middle ones) and
/// the 90th percentile (nearest rank), in seconds; null when nothing was resolved.
/// </summary>
public sealed record DurationSummary(int Count, double? MedianSeconds, double? P90Seconds)
{
    public static DurationSummary Of(IEnumerable<TimeSpan> durations)
    {
        ArgumentNullException.ThrowIfNull(durations);
        var seconds = durations.Select(duration => duration.TotalSeconds).Order().ToArray();
        if (seconds.Length == 0)
        {
            return new DurationSummary(0, null, null);
        }

        var middle = seconds.Length / 2;
        var median = seconds.Length % 2 == 1 ? seconds[middle] : (seconds[middle - 1] + seconds[middle]) / 2;
        var p90 = seconds[(int)Math.Ceiling(0.9 * seconds.Length) - 1];
        return new DurationSummary(seconds.Length, median, p90);
    }
}
