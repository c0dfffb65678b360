using System.Text.Json;
using CaaBot.Conversations.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace CaaBot.Conversations.State;

/// <summary>
/// The conversation's state document: the dialog stack, properties the bot keeps for this session, and the ids
/// of recently processed activities (committed together with the state, so a redelivery is recognised).
/// </summary>
public sealed class ConversationState : BotState
{
    private readonly List<string> _processedActivityIds;

    internal ConversationState(string storageKey, StateDocument document, string? etag)
        : base(storageKey, document, etag) =>
        _processedActivityIds = document.ProcessedActivityIds ?? [];

    /// <summary>A property stored in conversation state, serialized with <paramref name="typeInfo"/>.</summary>
    public static StateProperty<T> CreateProperty<T>(string name, JsonTypeInfo<T> typeInfo, Func<T> createDefault) =>
        new(StateScope.Conversation, name, typeInfo, createDefault);

    /// <summary>A property stored in conversation state, serialized with <paramref name="options"/>.</summary>
    public static StateProperty<T> CreateProperty<T>(string name, JsonSerializerOptions options, Func<T> createDefault)
    {
        ArgumentNullException.ThrowIfNull(options);
        return CreateProperty(name, StateJson.TypeInfo<T>(options), createDefault);
    }

    // Ordinal comparison is List<string>'s default; no LINQ needed.
    internal bool HasProcessed(string activityId) => _processedActivityIds.Contains(activityId);

    internal void MarkProcessed(string activityId, int keep)
    {
        _processedActivityIds.Add(activityId);
        if (_processedActivityIds.Count > keep)
        {
            _processedActivityIds.RemoveRange(0, _processedActivityIds.Count - keep);
        }
    }

    private protected override List<string>? ProcessedActivityIds => _processedActivityIds;
}
