using System.Text.Json;
using CaaBot.Protocol.Schema;

namespace CaaBot.Conversations.Turns;

/// <summary>Outgoing activities in one line. Addressing is filled in when the activity is sent in a turn.</summary>
public static class MessageFactory
{
    /// <summary>A markdown text message.</summary>
    public static Activity Text(string text, string? inputHint = null) => new()
    {
        Type = ActivityTypes.Message,
        Text = text,
        TextFormat = TextFormats.Markdown,
        InputHint = inputHint,
    };

    /// <summary>A text message with quick-reply buttons that post their title back.</summary>
    public static Activity SuggestedActions(string text, IEnumerable<string> titles, string? inputHint = null) =>
        Text(text, inputHint) with
        {
            SuggestedActions = new SuggestedActions { Actions = [.. titles.Select(title => CardAction.ImBack(title))] },
        };

    /// <summary>A message carrying one Adaptive Card (the card JSON object), with optional text above it.</summary>
    public static Activity AdaptiveCard(JsonElement card, string? text = null) => new()
    {
        Type = ActivityTypes.Message,
        Text = text,
        TextFormat = text is null ? null : TextFormats.Markdown,
        Attachments = [new Attachment { ContentType = ContentTypes.AdaptiveCard, Content = card }],
    };

    /// <summary>A typing indicator.</summary>
    public static Activity Typing() => new() { Type = ActivityTypes.Typing };
}
