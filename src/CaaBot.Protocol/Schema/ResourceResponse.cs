namespace CaaBot.Protocol.Schema;

/// <summary>The channel's answer to a send, reply or update: the id it gave the activity.</summary>
public sealed record ResourceResponse(string? Id);
