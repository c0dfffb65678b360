using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CaaBot.Conversations.Serialization;

namespace CaaBot.Conversations.Dialogs;

/// <summary>
/// A waterfall's stored position, <c>{"step":…,"values":…}</c>: the step it is in, by name (not index, so reordering
/// is detected), and its state record as raw JSON (a slice of the stored bytes, parsed only by the typed reader).
/// </summary>
internal readonly record struct WaterfallProgress(string Step, ReadOnlyMemory<byte> Values)
{
    /// <summary>Reads a stored position; throws <see cref="JsonException"/> when it is not one.</summary>
    public static WaterfallProgress Parse(ReadOnlyMemory<byte> json)
    {
        var reader = new Utf8JsonReader(json.Span);
        RawJson.Next(ref reader);
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A waterfall position must be a JSON object.");
        }

        string? step = null;
        ReadOnlyMemory<byte>? values = null;
        while (true)
        {
            RawJson.Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                break;
            }

            if (reader.ValueTextEquals("step"u8))
            {
                step = RawJson.NextString(ref reader);
            }
            else if (reader.ValueTextEquals("values"u8))
            {
                RawJson.Next(ref reader);
                values = RawJson.ReadValue(ref reader, json);
            }
            else
            {
                RawJson.Next(ref reader);
                reader.Skip();
            }
        }

        return step is not null && values is { } stored
            ? new WaterfallProgress(step, stored)
            : throw new JsonException("A waterfall position needs its step and values.");
    }

    /// <summary>The stored form of being at <paramref name="step"/> with <paramref name="state"/>; the state is serialized straight into it.</summary>
    public static byte[] ToUtf8Bytes<TState>(string step, TState state, JsonTypeInfo<TState> stateTypeInfo) =>
        RawJson.Write((step, state, stateTypeInfo), static (writer, progress) =>
        {
            writer.WriteStartObject();
            writer.WriteString("step"u8, progress.step);
            writer.WritePropertyName("values"u8);
            JsonSerializer.Serialize(writer, progress.state, progress.stateTypeInfo);
            writer.WriteEndObject();
        });
}
