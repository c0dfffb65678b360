using System.Text.Json;

namespace CaaBot.EndToEnd.Tests.Playground;

/// <summary>
/// A chat message as the Playground shows it (the <c>message</c> of a stream event). The Playground turns the bot's
/// activity into this shape: <c>text</c>, <c>textFormat</c> (default "markdown"), <c>attachments</c>,
/// <c>suggestedActions</c>… An activity with text and attachments becomes one message per part.
/// </summary>
public sealed record PlaygroundMessage(
    string MessageId,
    long Timestamp,
    PlaygroundAccount From,
    string? Text = null,
    string? TextFormat = null,
    JsonElement? Attachments = null,
    string? DirectLineConversationId = null,
    JsonElement? SuggestedActions = null)
{
    /// <summary>The titles of the <c>imBack</c> suggested actions, the only kind the Playground renders as buttons.</summary>
    public IReadOnlyList<string> SuggestedActionTitles =>
        SuggestedActions is { ValueKind: JsonValueKind.Object } suggested
        && suggested.TryGetProperty("actions", out var actions)
        && actions.ValueKind == JsonValueKind.Array
            ? [.. actions.EnumerateArray()
                .Where(action => action.TryGetProperty("type", out var type) && type.GetString() == "imBack")
                .Select(action => action.TryGetProperty("title", out var title) ? title.GetString() ?? "" : "")]
            : [];
}
