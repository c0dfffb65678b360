using System.Text.Json;
using System.Text.Json.Nodes;
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

    private static JsonElement StampCard(JsonElement card, string promptInstanceId)
    {
        var root = JsonNode.Parse(card.GetRawText())!;
        StampSubmitActions(root, promptInstanceId);
        using var document = JsonDocument.Parse(root.ToJsonString());
        return document.RootElement.Clone();
    }

    private static void StampSubmitActions(JsonNode? node, string promptInstanceId)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["type"] is JsonValue type && type.TryGetValue<string>(out var typeName) && typeName == "Action.Submit")
                {
                    switch (obj["data"])
                    {
                        case null:
                            obj["data"] = new JsonObject { [DataKey] = promptInstanceId };
                            break;
                        case JsonObject data:
                            data[DataKey] = promptInstanceId;
                            break;
                        default:
                            // String data is an imBack in Web Chat: plain text, nothing to mark.
                            break;
                    }
                }

                foreach (var (_, child) in obj.ToArray())
                {
                    StampSubmitActions(child, promptInstanceId);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    StampSubmitActions(child, promptInstanceId);
                }

                break;
        }
    }
}
