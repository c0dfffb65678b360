using System.Text.Json;
using System.Text.Json.Serialization;

namespace CaaBot.Protocol.Schema;

/// <summary>The Connector's error body: <c>{"error":{"code","message"}}</c>.</summary>
public sealed record ErrorResponse(ErrorDetail? Error)
{
    // Settable (not init) so source-generated serializer contexts can fill it too.
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}
