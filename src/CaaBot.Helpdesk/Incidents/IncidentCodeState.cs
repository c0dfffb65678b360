namespace CaaBot.Helpdesk.Incidents;

/// <summary>
/// Per error code, the one document written only when an incident opens or is resolved (rarely, so ETags suffice):
/// the generation whose reports are being counted and the incident that is open, if any.
/// </summary>
internal sealed record IncidentCodeState(string Code, int Generation, OpenIncident? Open);
