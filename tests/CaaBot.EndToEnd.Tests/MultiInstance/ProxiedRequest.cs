namespace CaaBot.EndToEnd.Tests.MultiInstance;

/// <summary>One request the round-robin proxy passed on: what it was and which instance served it.</summary>
public sealed record ProxiedRequest(int Order, string Method, string Path, string Instance, bool IsWebSocket);
