using System.Text.Json;
using System.Text.Json.Serialization;

namespace CaaBot.Protocol.Schema;

/// <summary>Activity metadata (mention, clientInfo, ClientCapabilities…); members beyond <see cref="Type"/> stay in <see cref="Properties"/>.</summary>
public sealed record Entity
{
    public required string Type { get; init; }

    // Settable (not init) so source-generated serializer contexts can fill it too.
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}
