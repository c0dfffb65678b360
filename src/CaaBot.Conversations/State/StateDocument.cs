using System.Text.Json;
using CaaBot.Conversations.Serialization;

namespace CaaBot.Conversations.State;

/// <summary>
/// The stored shape of a state document. Each property stays JSON until a typed <see cref="StateProperty{T}"/>
/// reads it, so a value always comes back as the type its accessor declares.
/// </summary>
internal sealed record StateDocument
{
    public int Schema { get; init; } = 1;

    public Dictionary<string, JsonElement> Properties { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Ids of the last activities this conversation processed, oldest first (conversation documents only).</summary>
    public List<string>? ProcessedActivityIds { get; init; }

    public static StateDocument Parse(ReadOnlyMemory<byte> content) =>
        JsonSerializer.Deserialize(content.Span, ConversationsJsonContext.Default.StateDocument)
        ?? throw new JsonException("A state document cannot be null.");

    public byte[] ToUtf8Bytes() => JsonSerializer.SerializeToUtf8Bytes(this, ConversationsJsonContext.Default.StateDocument);
}
