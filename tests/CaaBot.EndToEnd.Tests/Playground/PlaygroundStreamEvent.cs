using System.Text.Json;

namespace CaaBot.EndToEnd.Tests.Playground;

/// <summary>
/// One frame of the Playground's conversation WebSocket (<c>/_ws_conversation/v1/conversations/stream</c>):
/// <c>{"action":"createMessage"|"updateMessage"|"typing","actionConversationId":…,"message":{…}}</c>.
/// </summary>
public sealed record PlaygroundStreamEvent(string Action, string? ActionConversationId, PlaygroundMessage? Message)
{
    public const string CreateMessage = "createMessage";

    /// <summary>The frame as received, for failure messages.</summary>
    public string Raw { get; init; } = "";

    public static PlaygroundStreamEvent Parse(string json)
    {
        var parsed = JsonSerializer.Deserialize<PlaygroundStreamEvent>(json, JsonSerializerOptions.Web)
            ?? throw new JsonException($"Not a Playground stream event: {json}");
        return parsed with { Raw = json };
    }
}
