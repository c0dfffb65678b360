using System.Text.Json;

namespace CaaBot.Web.Commands;

/// <summary>
/// Renders an Adaptive Card as plain lines: text blocks, facts, images' alt text and inputs as they read,
/// <c>Action.Submit</c> buttons numbered (continuing <paramref name="choices"/>), links shown with their URL.
/// Everything else (layout, styles, visibility toggles) is dropped: the terminal is for reading the words.
/// </summary>
internal static partial class AdaptiveCardText
{
    public static void Render(JsonElement card, List<string> lines, List<ChatChoice> choices)
    {
        // One input list per card: a submit sends every input of the card, as Teams and Web Chat do.
        var inputs = new List<CardInput>();
        RenderCard(card, lines, choices, inputs, indent: "  ");
    }

    private static void RenderCard(JsonElement card, List<string> lines, List<ChatChoice> choices, List<CardInput> inputs, string indent)
    {
        RenderElements(Property(card, "body"), lines, choices, inputs, indent);
        RenderActions(Property(card, "actions"), lines, choices, inputs, indent);
    }

    private static void RenderElements(JsonElement? elements, List<string> lines, List<ChatChoice> choices, List<CardInput> inputs, string indent)
    {
        if (elements is not { ValueKind: JsonValueKind.Array } array)
        {
            return;
        }

        foreach (var element in array.EnumerateArray())
        {
            switch (String(element, "type"))
            {
                case "TextBlock":
                    AddText(lines, indent, String(element, "text"));
                    break;
                case "RichTextBlock":
                    AddText(lines, indent, string.Concat(Items(element, "inlines").Select(inline =>
                        inline.ValueKind == JsonValueKind.String ? inline.GetString() : String(inline, "text"))));
                    break;
                case "FactSet":
                    foreach (var fact in Items(element, "facts"))
                    {
                        lines.Add($"{indent}{String(fact, "title")}: {String(fact, "value")}");
                    }

                    break;
                case "Image":
                    lines.Add(String(element, "altText") is { Length: > 0 } alt ? $"{indent}[image: {alt}]" : $"{indent}[image]");
                    break;
                case "ImageSet":
                    RenderElements(Property(element, "images"), lines, choices, inputs, indent);
                    break;
                case "Container" or "Column":
                    RenderElements(Property(element, "items"), lines, choices, inputs, indent);
                    break;
                case "ColumnSet":
                    RenderColumns(element, lines, choices, inputs, indent);
                    break;
                case "Table":
                    foreach (var cell in Items(element, "rows").SelectMany(row => Items(row, "cells")))
                    {
                        RenderElements(Property(cell, "items"), lines, choices, inputs, indent);
                    }

                    break;
                case "ActionSet":
                    RenderActions(Property(element, "actions"), lines, choices, inputs, indent);
                    break;
                case { } type when type.StartsWith("Input.", StringComparison.Ordinal) && String(element, "id") is { Length: > 0 } id:
                    var input = ReadInput(element, type, id);
                    inputs.Add(input);
                    lines.Add($"{indent}[{input.Label}]" + (input.DefaultValue is { Length: > 0 } preset ? $" (default: {preset})" : string.Empty));
                    break;
            }
        }
    }

    /// <summary>Columns sit side by side: their first lines share one line ("1. Open Settings"), the rest follow.</summary>
    private static void RenderColumns(JsonElement columnSet, List<string> lines, List<ChatChoice> choices, List<CardInput> inputs, string indent)
    {
        var firstLine = new List<string>();
        var rest = new List<string>();
        foreach (var column in Items(columnSet, "columns"))
        {
            var columnLines = new List<string>();
            RenderElements(Property(column, "items"), columnLines, choices, inputs, indent);
            if (columnLines.Count > 0)
            {
                firstLine.Add(columnLines[0].Trim());
                rest.AddRange(columnLines.Skip(1));
            }
        }

        if (firstLine.Count > 0)
        {
            lines.Add(indent + string.Join(' ', firstLine));
        }

        lines.AddRange(rest);
    }

    private static void RenderActions(JsonElement? actions, List<string> lines, List<ChatChoice> choices, List<CardInput> inputs, string indent)
    {
        if (actions is not { ValueKind: JsonValueKind.Array } array)
        {
            return;
        }

        foreach (var action in array.EnumerateArray())
        {
            var title = String(action, "title") ?? string.Empty;
            switch (String(action, "type"))
            {
                case "Action.Submit":
                    var data = Property(action, "data");
                    // String data is posted back as text, as Web Chat does; object data becomes the submit's value.
                    choices.Add(data is { ValueKind: JsonValueKind.String } text
                        ? new ChatChoice(title, text.GetString(), null, [], IsCardSubmit: false)
                        : new ChatChoice(title, null, data, inputs, IsCardSubmit: true));
                    lines.Add($"{indent}{choices.Count}. {title}");
                    break;
                case "Action.OpenUrl":
                    lines.Add($"{indent}{title}: {String(action, "url")}");
                    break;
                case "Action.ShowCard" when Property(action, "card") is { } shown:
                    lines.Add($"{indent}{title}:");
                    RenderCard(shown, lines, choices, inputs, indent + "  ");
                    break;
                case "Action.Execute":
                    lines.Add($"{indent}{title} (Action.Execute: not available in the terminal)");
                    break;
            }
        }
    }

    private static CardInput ReadInput(JsonElement element, string type, string id)
    {
        var label = String(element, "label") ?? String(element, "placeholder") ?? String(element, "title") ?? id;
        IReadOnlyList<KeyValuePair<string, string>> choices = type switch
        {
            "Input.ChoiceSet" => [.. Items(element, "choices").Select(choice =>
                KeyValuePair.Create(String(choice, "title") ?? String(choice, "value") ?? string.Empty, String(choice, "value") ?? string.Empty))],
            "Input.Toggle" => [KeyValuePair.Create("yes", String(element, "valueOn") ?? "true"), KeyValuePair.Create("no", String(element, "valueOff") ?? "false")],
            _ => [],
        };
        return new CardInput(id, type, label, String(element, "value"), choices, Property(element, "isMultiSelect") is { ValueKind: JsonValueKind.True });
    }

    private static void AddText(List<string> lines, string indent, string? text)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            // TextBlocks are markdown: show "multi\-factor" as the reader sees it, "multi-factor".
            lines.AddRange(MarkdownEscape().Replace(text, "$1").Split('\n').Select(line => indent + line.TrimEnd('\r')));
        }
    }

    private static JsonElement? Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static string? String(JsonElement element, string name) => Property(element, name) switch
    {
        { ValueKind: JsonValueKind.String } value => value.GetString(),
        { ValueKind: JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False } value => value.GetRawText(),
        _ => null,
    };

    private static IEnumerable<JsonElement> Items(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];

    [System.Text.RegularExpressions.GeneratedRegex(@"\\([\\`*_{}\[\]()<>#+\-.!|~])")]
    private static partial System.Text.RegularExpressions.Regex MarkdownEscape();
}
