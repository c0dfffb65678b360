using System.ComponentModel.DataAnnotations;

namespace CaaBot.Helpdesk.Handoff;

/// <summary>
/// <c>CaaBot:Helpdesk:LiveChat</c>: when users are offered a person in the chat. Live chat is offered only while an
/// agent is present (signed in to the console, or marked available in the Teams helpdesk channel) and within
/// business hours; otherwise the user gets the ticket and <see cref="ExpectedResponse"/>.
/// </summary>
public sealed class LiveChatOptions
{
    public const string SectionName = "CaaBot:Helpdesk:LiveChat";

    public bool Enabled { get; set; } = true;

    /// <summary>How long a console agent counts as present after their last sign of life (the open console sends one every 20 s).</summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan ConsolePresence { get; set; } = TimeSpan.FromSeconds(75);

    /// <summary>How long "available" said in the Teams helpdesk channel lasts unless the agent says "away" first.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "1.00:00:00")]
    public TimeSpan TeamsPresence { get; set; } = TimeSpan.FromHours(9);

    /// <summary>What the user is told about when the helpdesk answers a ticket, when no agent can chat now.</summary>
    [Required]
    public string ExpectedResponse { get; set; } = "within one working day";

    public BusinessHoursOptions BusinessHours { get; set; } = new();
}

/// <summary>When the helpdesk is staffed; outside these hours nobody is offered live chat, whoever is signed in.</summary>
public sealed class BusinessHoursOptions
{
    /// <summary>IANA or Windows time zone id of the helpdesk.</summary>
    [Required]
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Staffed days; empty means every day.</summary>
    public List<DayOfWeek> Days { get; set; } = [];

    /// <summary>Opening time, local to <see cref="TimeZone"/>; equal to <see cref="Closes"/> (the default) means around the clock.</summary>
    public TimeOnly Opens { get; set; } = TimeOnly.MinValue;

    public TimeOnly Closes { get; set; } = TimeOnly.MinValue;

    /// <summary>True when <paramref name="now"/> falls within the staffed hours.</summary>
    public bool IsOpen(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById(TimeZone));
        if (Days.Count > 0 && !Days.Contains(local.DayOfWeek))
        {
            return false;
        }

        if (Opens == Closes)
        {
            return true;
        }

        var time = TimeOnly.FromDateTime(local.DateTime);

        // Opens after it closes: a night shift across midnight.
        return Opens < Closes ? time >= Opens && time < Closes : time >= Opens || time < Closes;
    }
}
