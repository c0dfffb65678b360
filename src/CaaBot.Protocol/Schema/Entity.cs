using System.Text.Json;
using System.Text.Json.Serialization;

namespace CaaBot.Protocol.Schema;

/// <summary>Activity metadata (mention, clientInfo, ClientCapabilities…); members beyond <see cref="Type"/> stay in <see cref="Properties"/>.</summary>
public sealed record Entity
{
    public required string Type { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; init; }
}
