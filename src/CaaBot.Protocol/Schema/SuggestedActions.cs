using System.Text.Json;
using System.Text.Json.Serialization;

namespace CaaBot.Protocol.Schema;

/// <summary>Quick replies shown under a message.</summary>
public sealed record SuggestedActions
{
    public IReadOnlyList<string>? To { get; init; }
    public required IReadOnlyList<CardAction> Actions { get; init; }

    // Settable (not init) so source-generated serializer contexts can fill it too.
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}
