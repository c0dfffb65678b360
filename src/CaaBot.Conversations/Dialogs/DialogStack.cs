using System.Text.Json;
using CaaBot.Conversations.Serialization;
using CaaBot.Conversations.State;

namespace CaaBot.Conversations.Dialogs;

/// <summary>
/// Where the dialog stack lives in conversation state, and its stored shape
/// (<c>{"stack":[{"id":…,"version":…,"state":…}]}</c>, also used for a component dialog's inner stack).
/// </summary>
internal static class DialogStack
{
    public const string PropertyName = "caabot.dialogStack";

    public static List<DialogInstance> Read(ConversationState state) =>
        state.TryGetValue(PropertyName, out var json) ? Parse(json) : [];

    public static void Write(ConversationState state, List<DialogInstance> stack)
    {
        if (stack.Count == 0)
        {
            Clear(state);
            return;
        }

        state.SetValue(PropertyName, ToUtf8Bytes(stack));
    }

    public static void Clear(ConversationState state) => state.RemoveValue(PropertyName);

    /// <summary>Reads a stored stack; the entries' state is sliced from <paramref name="json"/>, not copied.</summary>
    public static List<DialogInstance> Parse(ReadOnlyMemory<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json.Span);
            RawJson.Next(ref reader);
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new DialogStateMismatchException("the stored dialog stack is not an object");
            }

            List<DialogInstance>? stack = null;
            while (true)
            {
                RawJson.Next(ref reader);
                if (reader.TokenType == JsonTokenType.EndObject)
                {
                    break;
                }

                if (reader.ValueTextEquals("stack"u8))
                {
                    stack = ReadEntries(ref reader, json);
                }
                else
                {
                    RawJson.Next(ref reader);
                    reader.Skip();
                }
            }

            return stack ?? throw new DialogStateMismatchException("the stored dialog stack is null");
        }
        catch (JsonException exception)
        {
            throw new DialogStateMismatchException("the stored dialog stack could not be read", exception);
        }
    }

    public static byte[] ToUtf8Bytes(List<DialogInstance> stack) =>
        RawJson.Write(stack, static (writer, entries) =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("stack"u8);
            foreach (var entry in entries)
            {
                writer.WriteStartObject();
                writer.WriteString("id"u8, entry.Id);
                writer.WriteString("version"u8, entry.Version);
                if (entry.State is { } state)
                {
                    writer.WritePropertyName("state"u8);
                    // Serializer output, or a slice of a stack that was read (and validated) from storage.
                    writer.WriteRawValue(state.Span, skipInputValidation: true);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });

    private static List<DialogInstance>? ReadEntries(ref Utf8JsonReader reader, ReadOnlyMemory<byte> json)
    {
        RawJson.Next(ref reader);
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new DialogStateMismatchException("the stored dialog stack is not an array");
        }

        var stack = new List<DialogInstance>();
        while (true)
        {
            RawJson.Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                return stack;
            }

            stack.Add(ReadEntry(ref reader, json));
        }
    }

    private static DialogInstance ReadEntry(ref Utf8JsonReader reader, ReadOnlyMemory<byte> json)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new DialogStateMismatchException("a stored dialog stack entry is not an object");
        }

        string? id = null;
        string? version = null;
        ReadOnlyMemory<byte>? state = null;
        while (true)
        {
            RawJson.Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                break;
            }

            if (reader.ValueTextEquals("id"u8))
            {
                id = RawJson.NextString(ref reader);
            }
            else if (reader.ValueTextEquals("version"u8))
            {
                version = RawJson.NextString(ref reader);
            }
            else if (reader.ValueTextEquals("state"u8))
            {
                RawJson.Next(ref reader);
                state = reader.TokenType == JsonTokenType.Null ? null : RawJson.ReadValue(ref reader, json);
            }
            else
            {
                RawJson.Next(ref reader);
                reader.Skip();
            }
        }

        if (id is null || version is null)
        {
            throw new DialogStateMismatchException("a stored dialog stack entry lacks its id or version");
        }

        return new DialogInstance { Id = id, Version = version, State = state };
    }
}
