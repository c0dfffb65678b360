using CaaBot.Helpdesk.Incidents;

namespace CaaBot.Bot.Incidents;

/// <summary>What the bot says about incidents, in plain words. Codes and numbers are escaped like everything else.</summary>
public static class IncidentMessages
{
    /// <summary>Instead of a ticket of their own: the helpdesk knows, they are on the incident, they will hear here.</summary>
    public static string Joined(OpenIncident incident, string? errorCode)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return $"The helpdesk already knows about this: many people are getting {Code(errorCode, incident)} right now, so it is a wider problem, "
            + $"not something on your device. I've added you to the incident **{MarkdownText.Escape(incident.Number)}** with everything we tried, "
            + "so you don't need a ticket of your own. I'll tell you here as soon as it's fixed.";
    }

    /// <summary>A heads-up at triage; the guide is still offered.</summary>
    public static string HeadsUp(OpenIncident incident, string? errorCode)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return $"Heads-up: the helpdesk already knows about a wider problem with {Code(errorCode, incident)} (incident **{MarkdownText.Escape(incident.Number)}**) "
            + "and is working on it. You can still try the steps below; if they don't help, I'll add you to the incident.";
    }

    /// <summary>Told to everyone linked once the incident ticket is resolved.</summary>
    public static string Resolved(IncidentNews news)
    {
        ArgumentNullException.ThrowIfNull(news);
        var code = news.ErrorCode is { Length: > 0 } known ? $"**{MarkdownText.Escape(known)}**" : "this error";
        return $"Good news: the helpdesk has fixed the wider problem with {code} (incident **{MarkdownText.Escape(news.IncidentNumber)}**). "
            + "Please try signing in to Teams again. If it still fails, type the code again and we'll take it from there.";
    }

    private static string Code(string? errorCode, OpenIncident incident) =>
        "**" + MarkdownText.Escape(errorCode is { Length: > 0 } ? errorCode : incident.Code) + "**";
}
