namespace CaaBot.Helpdesk.Incidents;

/// <summary>Which code and generation an incident ticket stands for, so a status change of the ticket finds the incident.</summary>
internal sealed record IncidentTicketIndex(string Number, string Code, int Generation, DateTimeOffset OpenedAt);
