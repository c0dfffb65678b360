using System.Text.Json;
using System.Text.Json.Serialization;

namespace CaaBot.Protocol.Schema;

/// <summary>Body of <c>POST v3/conversations</c> (create a conversation, e.g. a proactive 1:1 in Teams).</summary>
public sealed record ConversationParameters
{
    public bool? IsGroup { get; init; }
    public ChannelAccount? Bot { get; init; }
    public IReadOnlyList<ChannelAccount>? Members { get; init; }
    public string? TopicName { get; init; }
    public string? TenantId { get; init; }
    public Activity? Activity { get; init; }
    public JsonElement? ChannelData { get; init; }

    // Settable (not init) so source-generated serializer contexts can fill it too.
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}
