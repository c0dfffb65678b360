using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CaaBot.Conversations.Turns;

namespace CaaBot.Conversations.State;

/// <summary>
/// A typed, named value in conversation or user state. Values are stored as JSON and read back through the
/// declared type's <see cref="JsonTypeInfo{T}"/>, so an <c>int</c> stays an <c>int</c> and a record stays a
/// record after a storage round trip. Create once (static field) with
/// <see cref="ConversationState.CreateProperty{T}(string, JsonTypeInfo{T}, Func{T})"/> or the user-state twin.
/// </summary>
/// <remarks>
/// A stored value that no longer fits <typeparamref name="T"/> (the type was changed incompatibly) reads as
/// absent: the bot starts that value over instead of failing every turn of the conversation.
/// </remarks>
public sealed class StateProperty<T>
{
    private readonly JsonTypeInfo<T> _typeInfo;
    private readonly Func<T> _createDefault;

    internal StateProperty(StateScope scope, string name, JsonTypeInfo<T> typeInfo, Func<T> createDefault)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(typeInfo);
        ArgumentNullException.ThrowIfNull(createDefault);
        Scope = scope;
        Name = name;
        _typeInfo = typeInfo;
        _createDefault = createDefault;
    }

    public StateScope Scope { get; }

    public string Name { get; }

    /// <summary>The stored value, or a new default when nothing (readable) is stored.</summary>
    public T Get(ITurnContext turnContext) => TryGet(turnContext, out var value) ? value : _createDefault();

    /// <summary>True and the value when one is stored and readable as <typeparamref name="T"/>.</summary>
    public bool TryGet(ITurnContext turnContext, [MaybeNullWhen(false)] out T value)
    {
        if (StateOf(turnContext).TryGetValue(Name, out var json))
        {
            try
            {
                var read = JsonSerializer.Deserialize(json.Span, _typeInfo);
                if (read is not null)
                {
                    value = read;
                    return true;
                }
            }
            catch (JsonException)
            {
                // Stored by an older shape of T: treated as absent (see remarks).
            }
        }

        value = default;
        return false;
    }

    public void Set(ITurnContext turnContext, T value) =>
        StateOf(turnContext).SetValue(Name, JsonSerializer.SerializeToUtf8Bytes(value, _typeInfo));

    public void Delete(ITurnContext turnContext) => StateOf(turnContext).RemoveValue(Name);

    private BotState StateOf(ITurnContext turnContext)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        return Scope == StateScope.Conversation
            ? turnContext.TurnState.GetRequired<ConversationState>()
            : turnContext.TurnState.GetRequired<UserState>();
    }
}
