namespace CaaBot.Storage.Abstractions;

/// <summary>A typed document together with the ETag a later conditional write must present.</summary>
public sealed record Versioned<T>(T Value, string ETag);
