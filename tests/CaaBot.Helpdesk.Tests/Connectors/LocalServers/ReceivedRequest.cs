namespace CaaBot.Helpdesk.Tests.Connectors.LocalServers;

/// <summary>One request a local server received, exactly as it arrived (headers by lower-case name, the raw body).</summary>
public sealed record ReceivedRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : null;
}
