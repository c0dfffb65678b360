using CaaBot.Bot.FollowUps;

namespace CaaBot.Bot.Tests.FollowUps;

public sealed class WorkingDayClockTests
{
    private static readonly DayOfWeek[] MondayToFriday = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];
    private static readonly TimeOnly Ten = new(10, 0);

    [Theory]
    [InlineData("2026-11-23T09:00:00Z", "2026-11-24T10:00:00Z")] // Monday → Tuesday
    [InlineData("2026-11-23T23:30:00Z", "2026-11-24T10:00:00Z")] // late Monday is still Monday
    [InlineData("2026-11-27T16:00:00Z", "2026-11-30T10:00:00Z")] // Friday → Monday
    [InlineData("2026-11-28T12:00:00Z", "2026-11-30T10:00:00Z")] // Saturday → Monday
    [InlineData("2026-11-29T12:00:00Z", "2026-11-30T10:00:00Z")] // Sunday → Monday
    public void NextWorkingDayAt_InUtc_SkipsTheWeekend(string now, string expected)
    {
        var due = WorkingDayClock.NextWorkingDayAt(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), TimeZoneInfo.Utc, Ten, MondayToFriday);

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), due);
    }

    [Fact]
    public void NextWorkingDayAt_InTheUsersZone_UsesTheirLocalDateAndHour()
    {
        var sydney = TimeZoneInfo.FindSystemTimeZoneById("Australia/Sydney");

        // Friday 23:00 UTC is already Saturday 10:00 in Sydney (UTC+11 in November): the check is Monday 10:00 there.
        var due = WorkingDayClock.NextWorkingDayAt(new DateTimeOffset(2026, 11, 27, 23, 0, 0, TimeSpan.Zero), sydney, Ten, MondayToFriday);

        Assert.Equal(new DateTimeOffset(2026, 11, 29, 23, 0, 0, TimeSpan.Zero), due);
    }

    [Fact]
    public void NextWorkingDayAt_OnADaylightSavingJump_MovesForwardWithTheClocks()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

        // 29 March 2026: clocks jump from 02:00 to 03:00; 02:30 does not exist that day.
        var due = WorkingDayClock.NextWorkingDayAt(new DateTimeOffset(2026, 3, 28, 12, 0, 0, TimeSpan.Zero), berlin, new TimeOnly(2, 30), [DayOfWeek.Sunday]);

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), due);
    }

    [Fact]
    public void ZoneOf_KnownIanaName_IsThatZone() =>
        Assert.Equal("Europe/Berlin", WorkingDayClock.ZoneOf("Europe/Berlin", null, TimeZoneInfo.Utc).Id);

    [Fact]
    public void ZoneOf_UnknownNameButALocalTimestamp_UsesItsOffset()
    {
        var zone = WorkingDayClock.ZoneOf("Mars/Olympus", new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(-5)), TimeZoneInfo.Utc);

        Assert.Equal(TimeSpan.FromHours(-5), zone.BaseUtcOffset);
    }

    [Fact]
    public void ZoneOf_NothingReported_IsTheFallback() =>
        Assert.Same(TimeZoneInfo.Utc, WorkingDayClock.ZoneOf(null, null, TimeZoneInfo.Utc));

    [Fact]
    public void NextWorkingDayAt_NoWorkingDays_IsRefused() =>
        Assert.Throws<ArgumentException>(() => WorkingDayClock.NextWorkingDayAt(DateTimeOffset.UnixEpoch, TimeZoneInfo.Utc, Ten, []));
}
