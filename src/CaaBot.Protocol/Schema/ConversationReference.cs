using System.Text.Json;
using System.Text.Json.Serialization;

namespace CaaBot.Protocol.Schema;

/// <summary>Everything needed to message a conversation later (proactive follow-ups, hand-off).</summary>
public sealed record ConversationReference
{
    public string? ActivityId { get; init; }
    public ChannelAccount? User { get; init; }
    public ChannelAccount? Bot { get; init; }
    public ConversationAccount? Conversation { get; init; }
    public string? ChannelId { get; init; }
    public string? ServiceUrl { get; init; }
    public string? Locale { get; init; }

    // Settable (not init) so source-generated serializer contexts can fill it too.
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}
