namespace CaaBot.Bot.FollowUps;

/// <summary>When "the next working day, at the usual hour" is, for a person in a given time zone.</summary>
public static class WorkingDayClock
{
    /// <summary>
    /// The first working day after <paramref name="now"/>'s local date, at <paramref name="at"/> local time, as UTC.
    /// A local time that does not exist that day (a daylight-saving jump) moves forward with the clocks.
    /// </summary>
    public static DateTimeOffset NextWorkingDayAt(DateTimeOffset now, TimeZoneInfo zone, TimeOnly at, IReadOnlyCollection<DayOfWeek> workingDays)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(workingDays);
        if (workingDays.Count == 0)
        {
            throw new ArgumentException("At least one working day is needed.", nameof(workingDays));
        }

        var localToday = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var day = localToday.AddDays(1);
        while (!workingDays.Contains(day.DayOfWeek))
        {
            day = day.AddDays(1);
        }

        var local = day.ToDateTime(at, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>
    /// The user's time zone from what their client reported: the IANA name (<c>localTimezone</c>) when this machine
    /// knows it, else the fixed offset of <c>localTimestamp</c>, else <paramref name="fallback"/>.
    /// </summary>
    public static TimeZoneInfo ZoneOf(string? localTimezone, DateTimeOffset? localTimestamp, TimeZoneInfo fallback)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        if (localTimezone is { Length: > 0 and <= 64 } && TimeZoneInfo.TryFindSystemTimeZoneById(localTimezone, out var named))
        {
            return named;
        }

        if (localTimestamp is { } stamp && stamp.Offset != TimeSpan.Zero && Math.Abs(stamp.Offset.TotalHours) <= 14)
        {
            var sign = stamp.Offset < TimeSpan.Zero ? "-" : "+";
            return TimeZoneInfo.CreateCustomTimeZone($"UTC{sign}{stamp.Offset:hh\\:mm}", stamp.Offset, null, null);
        }

        return fallback;
    }
}
