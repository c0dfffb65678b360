namespace CaaBot.Bot.FollowUps;

/// <summary>The next-day check after a fix (configuration section <c>CaaBot:FollowUp</c>).</summary>
public sealed class FollowUpOptions
{
    private static readonly DayOfWeek[] MondayToFriday = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    public const string SectionName = "CaaBot:FollowUp";

    /// <summary>Ask "is Teams still letting you in?" the next working day after a confirmed fix.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Local time of day to ask, in the user's time zone (as their client reports it), <c>HH:mm</c>.</summary>
    public TimeOnly AtLocalTime { get; set; } = new(10, 0);

    /// <summary>Days the check may fall on (Monday to Friday when not set); a fix on Friday is checked on Monday.</summary>
    /// <remarks>Null by default rather than a filled list: configuration binding adds to a list, it does not replace it.</remarks>
    public DayOfWeek[]? WorkingDays { get; set; }

    public IReadOnlyCollection<DayOfWeek> EffectiveWorkingDays => WorkingDays is { Length: > 0 } days ? days : MondayToFriday;

    /// <summary>IANA or Windows id of the time zone to use when the client reports none (Teams and Web Chat usually do).</summary>
    public string DefaultTimeZone { get; set; } = "UTC";
}
