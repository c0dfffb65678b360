using System.Text.Json;
using System.Text.Json.Serialization;

namespace CaaBot.Protocol.Schema;

/// <summary>An attachment: inline <see cref="Content"/> (cards) or a <see cref="ContentUrl"/> (files).</summary>
public sealed record Attachment
{
    public required string ContentType { get; init; }
    public JsonElement? Content { get; init; }
    public string? ContentUrl { get; init; }
    public string? Name { get; init; }
    public string? ThumbnailUrl { get; init; }

    // Settable (not init) so source-generated serializer contexts can fill it too.
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}
