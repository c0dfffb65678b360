using System.Text.Json;
using System.Text.Json.Serialization;

namespace CaaBot.Protocol.Schema;

/// <summary>
/// A Bot Framework activity as it travels on the wire. Every field the bot reads is typed; whatever
/// else a channel sends (Teams adds many undocumented members) is kept in <see cref="Properties"/>
/// and written back unchanged.
/// </summary>
public sealed record Activity
{
    public required string Type { get; init; }
    public string? Id { get; init; }

    [JsonConverter(typeof(ProtocolTimestampConverter))]
    public DateTimeOffset? Timestamp { get; init; }

    [JsonConverter(typeof(ProtocolTimestampConverter))]
    public DateTimeOffset? LocalTimestamp { get; init; }

    public string? LocalTimezone { get; init; }
    public string? ServiceUrl { get; init; }
    public string? ChannelId { get; init; }
    public ChannelAccount? From { get; init; }
    public ChannelAccount? Recipient { get; init; }
    public ConversationAccount? Conversation { get; init; }
    public string? ReplyToId { get; init; }
    public string? Locale { get; init; }
    public string? DeliveryMode { get; init; }
    public ConversationReference? RelatesTo { get; init; }

    // message
    public string? Text { get; init; }
    public string? TextFormat { get; init; }
    public string? Speak { get; init; }
    public string? InputHint { get; init; }
    public string? Summary { get; init; }
    public IReadOnlyList<Attachment>? Attachments { get; init; }
    public string? AttachmentLayout { get; init; }
    public SuggestedActions? SuggestedActions { get; init; }
    public IReadOnlyList<Entity>? Entities { get; init; }

    /// <summary>Free-form channel data; never a primitive on the wire.</summary>
    public JsonElement? ChannelData { get; init; }

    // event, invoke, trace, card submits
    public string? Name { get; init; }
    public JsonElement? Value { get; init; }
    public string? ValueType { get; init; }
    public string? Label { get; init; }

    // conversationUpdate, installationUpdate, endOfConversation
    public IReadOnlyList<ChannelAccount>? MembersAdded { get; init; }
    public IReadOnlyList<ChannelAccount>? MembersRemoved { get; init; }
    public string? TopicName { get; init; }
    public string? Action { get; init; }
    public string? Code { get; init; }

    // Settable (not init) so source-generated serializer contexts can fill it too.
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}
