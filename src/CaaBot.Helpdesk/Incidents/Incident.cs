namespace CaaBot.Helpdesk.Incidents;

/// <summary>An incident as the helpdesk reads it: its ticket, whether it is still open, and every affected person once.</summary>
public sealed record Incident(string Number, string Code, int Generation, DateTimeOffset OpenedAt, bool IsOpen, IReadOnlyList<IncidentReport> Affected);
