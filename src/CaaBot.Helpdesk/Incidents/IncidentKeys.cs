using System.Globalization;

namespace CaaBot.Helpdesk.Incidents;

/// <summary>Every key and stream incidents use, all under <c>helpdesk/incidents/</c>. Codes are normalized (letters and digits only).</summary>
internal static class IncidentKeys
{
    /// <summary>The code's <see cref="IncidentCodeState"/>.</summary>
    public static string State(string code) => $"helpdesk/incidents/code/{code}";

    /// <summary>Every escalation of the code while no incident is open, per generation: what the threshold counts.</summary>
    public static string Reports(string code, int generation) =>
        string.Create(CultureInfo.InvariantCulture, $"helpdesk/incidents/code/{code}/reports/{generation}");

    /// <summary>The people linked to one incident ticket (a person may appear twice; readers keep one per case).</summary>
    public static string Links(string number) => $"helpdesk/incidents/ticket/{number}/links";

    /// <summary>The incident ticket's <see cref="IncidentTicketIndex"/>.</summary>
    public static string Ticket(string number) => $"helpdesk/incidents/ticket/{number}";

    /// <summary>The request id of a code's incident ticket: the same for everyone who reaches the threshold, so they all file one ticket.</summary>
    public static string RequestId(string code, int generation) =>
        string.Create(CultureInfo.InvariantCulture, $"incident:{code}:{generation}");
}
