using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace CaaBot.Conversations.State;

/// <summary>The person's state document: what should follow them into their next conversation.</summary>
public sealed class UserState : BotState
{
    internal UserState(string? storageKey, StateDocument document, string? etag)
        : base(storageKey, document, etag)
    {
    }

    /// <summary>A property stored in user state, serialized with <paramref name="typeInfo"/>.</summary>
    public static StateProperty<T> CreateProperty<T>(string name, JsonTypeInfo<T> typeInfo, Func<T> createDefault) =>
        new(StateScope.User, name, typeInfo, createDefault);

    /// <summary>A property stored in user state, serialized with <paramref name="options"/>.</summary>
    public static StateProperty<T> CreateProperty<T>(string name, JsonSerializerOptions options, Func<T> createDefault)
    {
        ArgumentNullException.ThrowIfNull(options);
        return CreateProperty(name, (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T)), createDefault);
    }
}
