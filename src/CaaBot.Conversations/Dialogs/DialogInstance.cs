using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace CaaBot.Conversations.Dialogs;

/// <summary>One entry of a stored dialog stack: which dialog, the version it was stored by, and its own state as raw JSON.</summary>
internal sealed class DialogInstance
{
    private object? _validated;

    public required string Id { get; init; }

    public required string Version { get; init; }

    /// <summary>The dialog's state as one UTF-8 JSON value, or null when it has none yet.</summary>
    public ReadOnlyMemory<byte>? State
    {
        get;
        set
        {
            field = value;
            _validated = null;
        }
    }

    /// <summary>The dialog's typed state; a missing or unreadable value means the stored entry no longer fits the dialog.</summary>
    public T ReadState<T>(JsonTypeInfo<T> typeInfo)
    {
        if (State is not { } json)
        {
            throw new DialogStateMismatchException($"dialog '{Id}' has no stored state");
        }

        try
        {
            return JsonSerializer.Deserialize(json.Span, typeInfo) ?? throw new DialogStateMismatchException($"dialog '{Id}' stored null state");
        }
        catch (JsonException exception)
        {
            throw new DialogStateMismatchException($"the state of dialog '{Id}' no longer reads as {typeof(T).Name}", exception);
        }
    }

    public void WriteState<T>(T value, JsonTypeInfo<T> typeInfo) => State = JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);

    /// <summary>
    /// Keeps what validating the stored state produced, so the same turn's first read takes it instead of parsing the
    /// same bytes again. Handed out once (a second read parses afresh) and forgotten when the state is written.
    /// </summary>
    public void KeepValidated(object value) => _validated = value;

    /// <summary>The value kept by <see cref="KeepValidated"/>, once.</summary>
    public T? TakeValidated<T>()
        where T : class
    {
        var validated = _validated as T;
        _validated = null;
        return validated;
    }
}
