using System.Globalization;
using CaaBot.Protocol.Schema;

namespace CaaBot.Bot.Diagnostics;

/// <summary>
/// Compares the clock of the device the user is chatting from (the activity's <c>localTimestamp</c>) with the
/// server's. A wrong clock is the most common cause of 0xCAA20003: token lifetimes are checked against it.
/// Only meaningful when the user is chatting from the affected PC, so callers ask that first.
/// </summary>
/// <remarks>
/// <c>localTimestamp</c> carries the client's UTC offset, so instants are compared: a correct clock in another
/// time zone is in sync. The activity spends some time between the client and this check (channel and network
/// delay, usually a few seconds); it makes the client look slightly behind and is absorbed by the tolerance.
/// </remarks>
public sealed class ClockSkewCheck(TimeProvider timeProvider)
{
    /// <summary>Differences up to this (inclusive) count as in sync; sign-in tolerates a few minutes of skew.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(2);

    public ClockSkewResult Check(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (activity.LocalTimestamp is not { } clientTime)
        {
            return ClockSkewResult.Unknown;
        }

        // DateTimeOffset subtraction compares UTC instants; the offsets (time zones) cancel out.
        var difference = clientTime - timeProvider.GetUtcNow();
        return difference.Duration() <= Tolerance
            ? new ClockSkewResult(ClockSkewStatus.InSync, difference, null)
            : new ClockSkewResult(ClockSkewStatus.Skewed, difference, Describe(difference));
    }

    /// <summary>"Your PC's clock is 3 hours 5 minutes ahead." Rounded to whole minutes; zero parts left out.</summary>
    public static string Describe(TimeSpan difference)
    {
        var totalMinutes = (long)Math.Round(difference.Duration().TotalMinutes, MidpointRounding.AwayFromZero);
        var (days, hours, minutes) = (totalMinutes / (24 * 60), totalMinutes / 60 % 24, totalMinutes % 60);
        var parts = new List<string>(3);
        AddPart(parts, days, "day");
        AddPart(parts, hours, "hour");
        AddPart(parts, minutes, "minute");
        var amount = parts.Count == 0 ? "less than a minute" : string.Join(' ', parts);
        return $"Your PC's clock is {amount} {(difference < TimeSpan.Zero ? "behind" : "ahead")}.";
    }

    private static void AddPart(List<string> parts, long count, string unit)
    {
        if (count > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{count} {unit}{(count == 1 ? string.Empty : "s")}"));
        }
    }
}
