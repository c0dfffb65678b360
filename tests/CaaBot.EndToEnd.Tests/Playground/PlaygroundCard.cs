using System.Text.Json;
using System.Text.Json.Nodes;

namespace CaaBot.EndToEnd.Tests.Playground;

/// <summary>
/// The Adaptive Card of a message the Playground shows, read the way its renderer reads it: the texts a user sees,
/// the <c>Action.Submit</c> buttons, and what a click on one of them submits.
/// </summary>
public sealed class PlaygroundCard
{
    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";

    private PlaygroundCard(PlaygroundMessage message, JsonElement content)
    {
        (Message, Content) = (message, content);
    }

    /// <summary>The message holding the card; its id is what a click sends as <c>replyToId</c>.</summary>
    public PlaygroundMessage Message { get; }

    /// <summary>The card JSON as the Playground received it.</summary>
    public JsonElement Content { get; }

    /// <summary>Every TextBlock text and RichTextBlock TextRun, in document order.</summary>
    public IReadOnlyList<string> Texts => [.. Walk(Content).SelectMany(TextsOf)];

    /// <summary>Every <c>Action.Submit</c> (the card's actions and those in ActionSets), in document order.</summary>
    public IReadOnlyList<PlaygroundCardAction> SubmitActions =>
        [.. Walk(Content)
            .Where(element => TypeOf(element) == "Action.Submit")
            .Select(element => new PlaygroundCardAction(
                element.TryGetProperty("title", out var title) ? title.GetString() ?? "" : "",
                element.TryGetProperty("data", out var data) ? data.Clone() : null,
                element.TryGetProperty("associatedInputs", out var associated) ? associated.GetString() : null))];

    /// <summary>The message's card, or null when its only attachment is not an Adaptive Card (or it has none, or several).</summary>
    public static PlaygroundCard? TryFrom(PlaygroundMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Attachments is not { ValueKind: JsonValueKind.Array } attachments || attachments.GetArrayLength() != 1)
        {
            return null;
        }

        var attachment = attachments[0];
        return attachment.TryGetProperty("contentType", out var contentType)
            && string.Equals(contentType.GetString(), AdaptiveCardContentType, StringComparison.OrdinalIgnoreCase)
            && attachment.TryGetProperty("content", out var content)
            && content.ValueKind == JsonValueKind.Object
                ? new PlaygroundCard(message, content.Clone())
                : null;
    }

    /// <summary>The one submit button matching <paramref name="predicate"/>; throws, listing the buttons, when there is not exactly one.</summary>
    public PlaygroundCardAction SubmitAction(Func<PlaygroundCardAction, bool> predicate, string description)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var matches = SubmitActions.Where(predicate).ToList();
        return matches.Count == 1
            ? matches[0]
            : throw new InvalidOperationException(
                $"Expected one button {description} on the card, found {matches.Count}. Its buttons: "
                + string.Join(", ", SubmitActions.Select(action => $"\"{action.Title}\" {action.Data?.GetRawText() ?? "(no data)"}")));
    }

    /// <summary>
    /// What the Playground UI sends as <c>value</c> when <paramref name="action"/> is clicked: the button's object data
    /// (a string or missing data gives <c>{}</c>) merged with every input of the card that has a value, as strings,
    /// unless the button says <c>associatedInputs: "none"</c>. <paramref name="inputs"/> are what the user typed (input id → value).
    /// </summary>
    public JsonObject SubmitValue(PlaygroundCardAction action, IReadOnlyDictionary<string, string>? inputs = null)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (action.Data is { ValueKind: not JsonValueKind.Object })
        {
            // The adaptivecards renderer merges inputs only into object data, and the Playground then sends {} for the rest.
            return new JsonObject();
        }

        var value = action.Data is { } data ? JsonNode.Parse(data.GetRawText())!.AsObject() : new JsonObject();
        var cardInputs = Walk(Content)
            .Where(element => TypeOf(element) is { } type && type.StartsWith("Input.", StringComparison.Ordinal) && element.TryGetProperty("id", out _))
            .ToDictionary(element => element.GetProperty("id").GetString()!, DefaultInputValue, StringComparer.Ordinal);
        foreach (var (id, typed) in inputs ?? new Dictionary<string, string>())
        {
            if (!cardInputs.ContainsKey(id))
            {
                throw new ArgumentException($"The card has no input \"{id}\"; its inputs: {string.Join(", ", cardInputs.Keys)}.", nameof(inputs));
            }

            cardInputs[id] = typed;
        }

        if (!string.Equals(action.AssociatedInputs, "none", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var (id, inputValue) in cardInputs)
            {
                if (inputValue is not null)
                {
                    value[id] = inputValue;
                }
            }
        }

        return value;
    }

    /// <summary>An input's value before the user touches it: its <c>value</c>, or for a toggle its <c>valueOff</c>.</summary>
    private static string? DefaultInputValue(JsonElement input)
    {
        if (input.TryGetProperty("value", out var value))
        {
            return value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText();
        }

        return TypeOf(input) == "Input.Toggle"
            ? input.TryGetProperty("valueOff", out var off) ? off.GetString() : "false"
            : null;
    }

    private static IEnumerable<string> TextsOf(JsonElement element) =>
        TypeOf(element) is "TextBlock" or "TextRun" && element.TryGetProperty("text", out var text) && text.GetString() is { } value
            ? [value]
            : [];

    private static string? TypeOf(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String
            ? type.GetString()
            : null;

    /// <summary>Every object in the card, depth first in document order (an element before its children).</summary>
    private static IEnumerable<JsonElement> Walk(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                yield return element;
                foreach (var property in element.EnumerateObject())
                {
                    // Button data is the bot's own payload, not card content.
                    if (property.Name == "data")
                    {
                        continue;
                    }

                    foreach (var child in Walk(property.Value))
                    {
                        yield return child;
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    foreach (var child in Walk(item))
                    {
                        yield return child;
                    }
                }

                break;
        }
    }
}
