using System.Text.Json;
using System.Text.Json.Serialization;

namespace CaaBot.Protocol.Schema;

/// <summary>A user or bot on a channel. Teams user ids start with <c>29:</c>, bot ids with <c>28:</c>.</summary>
public sealed record ChannelAccount
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? AadObjectId { get; init; }
    public string? Role { get; init; }

    // Settable (not init) so source-generated serializer contexts can fill it too.
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}
