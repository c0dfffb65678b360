using CaaBot.Conversations.Testing.Time;
using CaaBot.Helpdesk.Handoff;
using CaaBot.Storage.InMemory;
using Microsoft.Extensions.Options;

namespace CaaBot.Helpdesk.Tests.Handoff;

public sealed class LiveChatAvailabilityTests
{
    // A Wednesday.
    private static readonly DateTimeOffset Wednesday10Utc = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly HandoffAgent Alex = new("local:alex", "Alex Moreno", AgentChannel.Console);

    private readonly ManualTimeProvider _clock = new(Wednesday10Utc);
    private readonly InMemoryDocumentStore _documents = new();

    [Fact]
    public async Task NobodyPresent_NoLiveChat()
    {
        Assert.False(await Availability(new LiveChatOptions()).IsAvailableAsync(CancellationToken.None));
    }

    [Fact]
    public async Task AnAgentPresent_LiveChatUntilTheirPresenceRunsOut()
    {
        var presence = new AgentPresence(_documents, _clock);
        var availability = Availability(new LiveChatOptions(), presence);
        await presence.HereAsync(Alex, TimeSpan.FromSeconds(75), CancellationToken.None);

        Assert.True(await availability.IsAvailableAsync(CancellationToken.None));
        _clock.Advance(TimeSpan.FromSeconds(76));
        Assert.False(await availability.IsAvailableAsync(CancellationToken.None));
    }

    [Fact]
    public async Task AnAgentWhoLeft_IsGoneAtOnce_OthersStay()
    {
        var presence = new AgentPresence(_documents, _clock);
        var sam = new HandoffAgent("teams:sam", "Sam", AgentChannel.Teams);
        await presence.HereAsync(Alex, TimeSpan.FromMinutes(5), CancellationToken.None);
        await presence.HereAsync(sam, TimeSpan.FromHours(8), CancellationToken.None);

        await presence.GoneAsync(Alex.Id, CancellationToken.None);

        Assert.Equal([sam], await presence.PresentAsync(CancellationToken.None));
    }

    [Fact]
    public async Task LiveChatSwitchedOff_NeverOffered()
    {
        var presence = new AgentPresence(_documents, _clock);
        await presence.HereAsync(Alex, TimeSpan.FromMinutes(5), CancellationToken.None);

        Assert.False(await Availability(new LiveChatOptions { Enabled = false }, presence).IsAvailableAsync(CancellationToken.None));
    }

    [Fact]
    public async Task OutsideBusinessHours_NotOfferedEvenWithAnAgentSignedIn()
    {
        var presence = new AgentPresence(_documents, _clock);
        await presence.HereAsync(Alex, TimeSpan.FromHours(12), CancellationToken.None);
        var options = new LiveChatOptions
        {
            BusinessHours = new BusinessHoursOptions { Days = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday], Opens = new TimeOnly(8, 0), Closes = new TimeOnly(11, 0) },
        };
        var availability = Availability(options, presence);

        Assert.True(await availability.IsAvailableAsync(CancellationToken.None));
        _clock.Advance(TimeSpan.FromHours(1));
        Assert.False(await availability.IsAvailableAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData("2026-12-02T07:59:00Z", false)]
    [InlineData("2026-12-02T08:00:00Z", true)]
    [InlineData("2026-12-02T17:59:00Z", true)]
    [InlineData("2026-12-02T18:00:00Z", false)]
    [InlineData("2026-12-05T10:00:00Z", false)] // Saturday
    public void BusinessHours_WeekdaysEightToSix(string at, bool open)
    {
        var hours = new BusinessHoursOptions { Days = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], Opens = new TimeOnly(8, 0), Closes = new TimeOnly(18, 0) };

        Assert.Equal(open, hours.IsOpen(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("2026-12-02T21:30:00Z", true)]
    [InlineData("2026-12-03T05:59:00Z", true)]
    [InlineData("2026-12-03T06:00:00Z", false)]
    [InlineData("2026-12-02T12:00:00Z", false)]
    public void BusinessHours_NightShiftAcrossMidnight(string at, bool open)
    {
        var hours = new BusinessHoursOptions { Opens = new TimeOnly(21, 0), Closes = new TimeOnly(6, 0) };

        Assert.Equal(open, hours.IsOpen(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void BusinessHours_CountInTheHelpdesksTimeZone()
    {
        // 08:30 in New York is 13:30 UTC in December.
        var hours = new BusinessHoursOptions { TimeZone = "America/New_York", Opens = new TimeOnly(8, 0), Closes = new TimeOnly(17, 0) };

        Assert.True(hours.IsOpen(new DateTimeOffset(2026, 12, 2, 13, 30, 0, TimeSpan.Zero)));
        Assert.False(hours.IsOpen(new DateTimeOffset(2026, 12, 2, 12, 30, 0, TimeSpan.Zero)));
    }

    private LiveChatAvailability Availability(LiveChatOptions options, AgentPresence? presence = null) =>
        new(presence ?? new AgentPresence(_documents, _clock), Options.Create(options), _clock);
}
