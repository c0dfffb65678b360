using System.Text.Json.Nodes;

namespace CaaBot.Bot.Cards;

/// <summary>
/// The few Adaptive Card elements the support cards use, as JSON nodes. Every value goes in as a JSON value, never
/// spliced into JSON text, so nothing a user or an author writes can change a card's structure.
/// </summary>
internal static class CardNodes
{
    public const string Version = "1.5";

    public static JsonObject Card(IEnumerable<JsonNode> body, IEnumerable<JsonNode>? actions = null)
    {
        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = Version,
            ["body"] = new JsonArray([.. body]),
        };
        if (actions is not null)
        {
            card["actions"] = new JsonArray([.. actions]);
        }

        return card;
    }

    /// <summary>A TextBlock; <paramref name="markdownText"/> must already be escaped where it holds user or author text.</summary>
    public static JsonObject TextBlock(string markdownText, string? size = null, string? weight = null, bool subtle = false, string? color = null, string? id = null)
    {
        var block = new JsonObject { ["type"] = "TextBlock", ["text"] = markdownText, ["wrap"] = true };
        Set(block, "id", id);
        Set(block, "size", size);
        Set(block, "weight", weight);
        Set(block, "color", color);
        if (subtle)
        {
            block["isSubtle"] = true;
        }

        return block;
    }

    /// <summary>A RichTextBlock: its TextRuns never render markdown, so their text needs no escaping.</summary>
    public static JsonObject RichText(IEnumerable<JsonNode> inlines) =>
        new() { ["type"] = "RichTextBlock", ["inlines"] = new JsonArray([.. inlines]) };

    public static JsonObject TextRun(string text, bool bold = false, bool monospace = false)
    {
        var run = new JsonObject { ["type"] = "TextRun", ["text"] = text };
        if (bold)
        {
            run["weight"] = "Bolder";
        }

        if (monospace)
        {
            run["fontType"] = "Monospace";
        }

        return run;
    }

    public static JsonObject Container(IEnumerable<JsonNode> items, string? style = null, string? id = null, string? spacing = null)
    {
        var container = new JsonObject { ["type"] = "Container", ["items"] = new JsonArray([.. items]) };
        Set(container, "id", id);
        Set(container, "style", style);
        Set(container, "spacing", spacing);
        return container;
    }

    public static JsonObject ColumnSet(params JsonObject[] columns) =>
        new() { ["type"] = "ColumnSet", ["columns"] = new JsonArray(columns) };

    public static JsonObject Column(string width, params JsonNode[] items) =>
        new() { ["type"] = "Column", ["width"] = width, ["items"] = new JsonArray(items), ["verticalContentAlignment"] = "Top" };

    public static JsonObject FactSet(IEnumerable<(string Title, string Value)> facts) =>
        new()
        {
            ["type"] = "FactSet",
            ["facts"] = new JsonArray([.. facts.Select(fact => (JsonNode)new JsonObject { ["title"] = fact.Title, ["value"] = fact.Value })]),
        };

    /// <summary>An Action.Submit with object data (Web Chat has no Action.Execute; the prompt marks object data as its own).</summary>
    public static JsonObject Submit(string title, JsonObject data, string? style = null, bool withInputs = true)
    {
        var action = new JsonObject { ["type"] = "Action.Submit", ["title"] = title, ["data"] = data };
        Set(action, "style", style);
        if (!withInputs)
        {
            // Declining must work with an empty or invalid form.
            action["associatedInputs"] = "none";
        }

        return action;
    }

    public static JsonObject Data(string action, params (string Key, JsonNode? Value)[] fields)
    {
        var data = new JsonObject { ["action"] = action };
        foreach (var (key, value) in fields)
        {
            data[key] = value;
        }

        return data;
    }

    private static void Set(JsonObject node, string name, string? value)
    {
        if (value is not null)
        {
            node[name] = value;
        }
    }
}
