using System.Buffers;
using System.Text.Json;
using CaaBot.Protocol.Schema;

namespace CaaBot.Conversations.Prompts;

/// <summary>
/// Marks the submit actions of a prompt's Adaptive Cards with the prompt instance's id, so a click on an old card
/// (an earlier question, a restarted conversation) is recognised as stale instead of being taken as the answer.
/// </summary>
internal static class CardSubmitMarker
{
    public const string DataKey = "caabotPromptId";

    public static bool TryRead(Activity activity, out string promptInstanceId)
    {
        promptInstanceId = string.Empty;
        if (!activity.IsCardSubmit()
            || !activity.Value!.Value.TryGetProperty(DataKey, out var marker)
            || marker.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        promptInstanceId = marker.GetString()!;
        return true;
    }

    public static Activity Stamp(Activity activity, string promptInstanceId)
    {
        if (activity.Attachments is not { Count: > 0 } attachments)
        {
            return activity;
        }

        return activity with
        {
            Attachments = [.. attachments.Select(attachment => attachment is { ContentType: ContentTypes.AdaptiveCard, Content: { ValueKind: JsonValueKind.Object } card }
                ? attachment with { Content = StampCard(card, promptInstanceId) }
                : attachment)],
        };
    }

    // One pass from the element to a writer and one parse back: a step card is a few KB and is stamped on every prompt
    // and re-prompt, and the earlier round trip through JsonNode (raw text, node tree, string, document) was ~3% of a
    // busy host's CPU.
    private static JsonElement StampCard(JsonElement card, string promptInstanceId)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteStamped(writer, card, promptInstanceId);
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    private static void WriteStamped(Utf8JsonWriter writer, JsonElement element, string promptInstanceId)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var isSubmit = element.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.ValueEquals("Action.Submit");
                var wroteData = false;
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject())
                {
                    if (isSubmit && property.NameEquals("data"))
                    {
                        wroteData = true;
                        writer.WritePropertyName(property.Name);
                        WriteSubmitData(writer, property.Value, promptInstanceId);
                        continue;
                    }

                    writer.WritePropertyName(property.Name);
                    WriteStamped(writer, property.Value, promptInstanceId);
                }

                if (isSubmit && !wroteData)
                {
                    writer.WritePropertyName("data");
                    WriteSubmitData(writer, default, promptInstanceId);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    WriteStamped(writer, item, promptInstanceId);
                }

                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }

    private static void WriteSubmitData(Utf8JsonWriter writer, JsonElement data, string promptInstanceId)
    {
        switch (data.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in data.EnumerateObject())
                {
                    if (!property.NameEquals(DataKey))
                    {
                        writer.WritePropertyName(property.Name);
                        WriteStamped(writer, property.Value, promptInstanceId);
                    }
                }

                writer.WriteString(DataKey, promptInstanceId);
                writer.WriteEndObject();
                break;
            case JsonValueKind.Undefined or JsonValueKind.Null:
                writer.WriteStartObject();
                writer.WriteString(DataKey, promptInstanceId);
                writer.WriteEndObject();
                break;
            default:
                // String data is an imBack in Web Chat: plain text, nothing to mark.
                WriteStamped(writer, data, promptInstanceId);
                break;
        }
    }
}
