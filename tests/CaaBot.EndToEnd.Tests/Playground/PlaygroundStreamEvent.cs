using System.Text.Json;

namespace CaaBot.EndToEnd.Tests.Playground;

/// <summary>
/// One frame of the Playground's conversation WebSocket (<c>/_ws_conversation/v1/conversations/stream</c>):
/// <c>{"action":"createMessage"|"updateMessage"|"typing","actionConversationId":…,"message":{…}}</c>.
/// </summary>
public sealed record PlaygroundStreamEvent(string Action, string? ActionConversationId, PlaygroundMessage? Message)
{
    /// <summary>A new message in the chat (the bot posted an activity to the connector).</summary>
    public const string CreateMessage = "createMessage";

    /// <summary>A message replaced in place (the bot PUT an activity to the connector); <c>message.messageId</c> is the replaced one.</summary>
    public const string UpdateMessage = "updateMessage";

    /// <summary>The bot's typing indicator.</summary>
    public const string Typing = "typing";

    /// <summary>The frame as received, for failure messages.</summary>
    public string Raw { get; init; } = "";

    public static PlaygroundStreamEvent Parse(string json)
    {
        var parsed = JsonSerializer.Deserialize<PlaygroundStreamEvent>(json, JsonSerializerOptions.Web)
            ?? throw new JsonException($"Not a Playground stream event: {json}");
        return parsed with { Raw = json };
    }
}
