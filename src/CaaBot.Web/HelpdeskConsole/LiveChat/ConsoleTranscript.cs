using System.Text.Json;
using CaaBot.Helpdesk.Connectors;

namespace CaaBot.Web.HelpdeskConsole.LiveChat;

/// <summary>One line of the bot conversation as the console shows it: plain text, never markup.</summary>
internal sealed record ConsoleLine(string From, string Name, string Text, DateTimeOffset? At);

/// <summary>
/// Turns the bot conversation's transcript into lines for the console: who spoke and what, cards reduced to their
/// text. Everything stays text (the page puts it in with <c>textContent</c>), and very long messages are cut, so a
/// hostile paste can neither run nor freeze the agent's page.
/// </summary>
internal static partial class ConsoleTranscript
{
    public const int MaxLineLength = 8_000;

    public static IReadOnlyList<ConsoleLine> Lines(TicketTranscript transcript)
    {
        using var document = JsonDocument.Parse(transcript.TranscriptJson);
        var lines = new List<ConsoleLine>();
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            return lines;
        }

        foreach (var activity in document.RootElement.EnumerateArray())
        {
            if (activity.ValueKind != JsonValueKind.Object || String(activity, "type") is not ("message" or "messageUpdate"))
            {
                continue;
            }

            var from = activity.TryGetProperty("from", out var sender) && sender.ValueKind == JsonValueKind.Object ? sender : default;
            var role = from.ValueKind == JsonValueKind.Object && String(from, "role") == "bot" ? "bot" : "user";
            var name = (from.ValueKind == JsonValueKind.Object ? String(from, "name") : null) ?? (role == "bot" ? "CaaBot" : "User");
            var text = String(activity, "text") ?? string.Empty;
            var cardText = CardText(activity);
            var shown = string.Join("\n", new[] { text, cardText }.Where(part => part.Length > 0));

            // The bot writes Markdown (user text in it escaped, "CAA\-000001"); the console shows plain text, as the user saw it.
            if (role == "bot")
            {
                shown = MarkdownEscape().Replace(shown, "$1");
            }

            if (shown.Length == 0 && activity.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Object)
            {
                shown = "[clicked " + (String(value, "action") ?? "a button") + "]";
            }

            if (shown.Length == 0)
            {
                continue;
            }

            DateTimeOffset? at = activity.TryGetProperty("timestamp", out var stamp) && stamp.TryGetDateTimeOffset(out var time) ? time : null;
            lines.Add(new ConsoleLine(role, name, Cut(shown), at));
        }

        return lines;
    }

    public static string Cut(string text) =>
        text.Length <= MaxLineLength ? text : string.Concat(text.AsSpan(0, MaxLineLength), $"… ({text.Length - MaxLineLength} more characters)");

    /// <summary>The text blocks of an Adaptive Card attachment, in order, as "[card] …".</summary>
    private static string CardText(JsonElement activity)
    {
        if (!activity.TryGetProperty("attachments", out var attachments) || attachments.ValueKind != JsonValueKind.Array)
        {
            return string.Empty;
        }

        var texts = new List<string>();
        foreach (var attachment in attachments.EnumerateArray())
        {
            if (attachment.ValueKind == JsonValueKind.Object && attachment.TryGetProperty("content", out var content))
            {
                CollectText(content, texts, depth: 0);
            }
        }

        return texts.Count == 0 ? string.Empty : "[card] " + string.Join(" · ", texts.Take(12));
    }

    private static void CollectText(JsonElement node, List<string> texts, int depth)
    {
        if (depth > 12 || texts.Count > 12)
        {
            return;
        }

        switch (node.ValueKind)
        {
            case JsonValueKind.Object:
                if (String(node, "type") == "TextBlock" && String(node, "text") is { Length: > 0 } text)
                {
                    texts.Add(text);
                }

                foreach (var property in node.EnumerateObject().Where(property => property.Name is "body" or "items" or "columns" or "facts"))
                {
                    CollectText(property.Value, texts, depth + 1);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in node.EnumerateArray())
                {
                    CollectText(item, texts, depth + 1);
                }

                break;
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\\([\\`*_{}\[\]()<>#+\-.!|~])")]
    private static partial System.Text.RegularExpressions.Regex MarkdownEscape();

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
