namespace CaaBot.Bot.Incidents;

/// <summary>What the scheduled "incident resolved" turn carries for one linked person.</summary>
public sealed record IncidentNews(string IncidentNumber, string? ErrorCode);
