using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace CaaBot.Conversations.Dialogs;

/// <summary>One entry of a stored dialog stack: which dialog, the version it was stored by, and its own state as JSON.</summary>
internal sealed class DialogInstance
{
    public required string Id { get; init; }

    public required string Version { get; init; }

    public JsonElement? State { get; set; }

    /// <summary>The dialog's typed state; a missing or unreadable value means the stored entry no longer fits the dialog.</summary>
    public T ReadState<T>(JsonTypeInfo<T> typeInfo)
    {
        if (State is not { } json)
        {
            throw new DialogStateMismatchException($"dialog '{Id}' has no stored state");
        }

        try
        {
            return json.Deserialize(typeInfo) ?? throw new DialogStateMismatchException($"dialog '{Id}' stored null state");
        }
        catch (JsonException exception)
        {
            throw new DialogStateMismatchException($"the state of dialog '{Id}' no longer reads as {typeof(T).Name}", exception);
        }
    }

    public void WriteState<T>(T value, JsonTypeInfo<T> typeInfo) => State = JsonSerializer.SerializeToElement(value, typeInfo);
}
