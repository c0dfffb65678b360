using System.Text.Json;
using System.Text.Json.Serialization;

namespace CaaBot.Protocol.Schema;

/// <summary>The conversation an activity belongs to; the id is opaque and must be URL-escaped in paths.</summary>
public sealed record ConversationAccount
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public bool? IsGroup { get; init; }
    public string? ConversationType { get; init; }
    public string? TenantId { get; init; }
    public string? AadObjectId { get; init; }
    public string? Role { get; init; }

    // Settable (not init) so source-generated serializer contexts can fill it too.
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}
