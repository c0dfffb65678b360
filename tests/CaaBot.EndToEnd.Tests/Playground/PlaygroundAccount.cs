namespace CaaBot.EndToEnd.Tests.Playground;

/// <summary>An account as the Playground's stream and config name it (only the id is always present).</summary>
public sealed record PlaygroundAccount(string Id, string? Name = null);
