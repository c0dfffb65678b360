using CaaBot.Bot.Diagnostics;
using CaaBot.Conversations.Testing.Time;
using CaaBot.Protocol.Schema;

namespace CaaBot.Bot.Tests.Diagnostics;

public sealed class ClockSkewCheckTests
{
    private static readonly DateTimeOffset ServerNow = new(2025, 1, 6, 9, 0, 0, TimeSpan.Zero);

    private readonly ClockSkewCheck _check = new(new ManualTimeProvider(ServerNow));

    [Fact]
    public void Check_SameInstant_IsInSync()
    {
        var result = _check.Check(FromClientAt(ServerNow));

        Assert.Equal(ClockSkewStatus.InSync, result.Status);
        Assert.Equal(TimeSpan.Zero, result.Difference);
        Assert.Null(result.Description);
    }

    [Fact]
    public void Check_ClientSevenMinutesBehind_IsSkewedBehind()
    {
        var result = _check.Check(FromClientAt(ServerNow.AddMinutes(-7)));

        Assert.Equal(ClockSkewStatus.Skewed, result.Status);
        Assert.Equal(TimeSpan.FromMinutes(-7), result.Difference);
        Assert.Equal("Your PC's clock is 7 minutes behind.", result.Description);
    }

    [Fact]
    public void Check_ClientThreeHoursFiveMinutesAhead_IsSkewedAhead()
    {
        var result = _check.Check(FromClientAt(ServerNow.AddHours(3).AddMinutes(5)));

        Assert.Equal(ClockSkewStatus.Skewed, result.Status);
        Assert.Equal(new TimeSpan(3, 5, 0), result.Difference);
        Assert.Equal("Your PC's clock is 3 hours 5 minutes ahead.", result.Description);
    }

    [Theory]
    [InlineData(5.5)]
    [InlineData(-8)]
    [InlineData(14)]
    public void Check_CorrectClockInAnotherTimeZone_IsInSync(double offsetHours)
    {
        // Same instant, written with the client's own offset: the wall-clock text differs, the time does not.
        var clientTime = ServerNow.ToOffset(TimeSpan.FromHours(offsetHours));

        var result = _check.Check(FromClientAt(clientTime));

        Assert.Equal(ClockSkewStatus.InSync, result.Status);
    }

    [Fact]
    public void Check_WrongTimeZoneSettingShowingServerWallClock_IsSkewed()
    {
        // The PC shows 09:00 but believes it is in UTC+2: its clock is really two hours behind.
        var result = _check.Check(FromClientAt(new DateTimeOffset(2025, 1, 6, 9, 0, 0, TimeSpan.FromHours(2))));

        Assert.Equal("Your PC's clock is 2 hours behind.", result.Description);
    }

    [Theory]
    [InlineData(-120, ClockSkewStatus.InSync)]
    [InlineData(120, ClockSkewStatus.InSync)]
    [InlineData(-121, ClockSkewStatus.Skewed)]
    [InlineData(121, ClockSkewStatus.Skewed)]
    public void Check_TwoMinuteBoundary_IsInclusive(int seconds, ClockSkewStatus expected)
    {
        var result = _check.Check(FromClientAt(ServerNow.AddSeconds(seconds)));

        Assert.Equal(expected, result.Status);
    }

    [Fact]
    public void Check_ChannelDelayOfSeconds_IsToleratedAsInSync()
    {
        // Sent with a correct clock, checked 20 s later (channel + network): looks 20 s behind, well within tolerance.
        var clock = new ManualTimeProvider(ServerNow);
        var activity = FromClientAt(ServerNow);
        clock.Advance(TimeSpan.FromSeconds(20));

        var result = new ClockSkewCheck(clock).Check(activity);

        Assert.Equal(ClockSkewStatus.InSync, result.Status);
        Assert.Equal(TimeSpan.FromSeconds(-20), result.Difference);
    }

    [Fact]
    public void Check_NoLocalTimestamp_IsUnknown()
    {
        var result = _check.Check(new Activity { Type = ActivityTypes.Message, Timestamp = ServerNow });

        Assert.Equal(ClockSkewResult.Unknown, result);
    }

    [Theory]
    [InlineData(-1, "Your PC's clock is 1 minute behind.")]
    [InlineData(61, "Your PC's clock is 1 hour 1 minute ahead.")]
    [InlineData(120, "Your PC's clock is 2 hours ahead.")]
    [InlineData(-1500, "Your PC's clock is 1 day 1 hour behind.")]
    public void Describe_HandlesSingularAndPlural(int minutes, string expected) =>
        Assert.Equal(expected, ClockSkewCheck.Describe(TimeSpan.FromMinutes(minutes)));

    private static Activity FromClientAt(DateTimeOffset localTimestamp) =>
        new() { Type = ActivityTypes.Message, Text = "hi", LocalTimestamp = localTimestamp };
}
