namespace CaaBot.Helpdesk.Incidents;

/// <summary>An incident that later reports of its code join: its ticket number and when it was opened.</summary>
/// <param name="Number">The incident ticket's number in the built-in queue (what users are told).</param>
/// <param name="Code">The error code, normalized (<see cref="IncidentCodes.Normalize"/>).</param>
/// <param name="Generation">1 for a code's first incident, 2 after that one was resolved, and so on.</param>
/// <param name="OpenedAt">When the threshold was reached.</param>
public sealed record OpenIncident(string Number, string Code, int Generation, DateTimeOffset OpenedAt);
