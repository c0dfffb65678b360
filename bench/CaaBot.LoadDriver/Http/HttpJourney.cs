using System.Text.Json;
using System.Text.Json.Nodes;

namespace CaaBot.LoadDriver.Http;

/// <summary>
/// A whole conversation posted to <c>/api/messages</c> with <c>deliveryMode: "expectReplies"</c>, one turn at a time;
/// every turn's replies come back in the response body and are checked, so a wrong answer is an error, not a fast turn.
/// </summary>
internal sealed record HttpJourney(string Name, IReadOnlyList<HttpJourneyTurn> Turns)
{
    /// <summary>
    /// CaaBot's real troubleshooting journey on the 0xCAA20003 playbook, as the Emulator and the Agents Playground post it
    /// (a card click is a message whose <c>value</c> is the clicked button's <c>data</c>, read from the card the bot sent):
    /// greeting, the code, "not this PC", step 1 "Still broken, next step", step 2 "That fixed it", "Yes, I can sign in",
    /// a 4-star rating.
    /// </summary>
    public static HttpJourney Troubleshooting { get; } = new("CaaBot 0xCAA20003 journey",
    [
        new("greeting", _ => Text("hi"), replies => AnyText(replies, "Have you got an error code?")),
        new("error code", _ => Text("0xCAA20003 on windows"), replies => AnyText(replies, "Are you chatting with me from the computer that shows the error?")),
        new("not the affected PC", _ => Text("no"), replies => AnyText(replies, "authorization blocked") && AnyCard(replies, "Step 1 of")),
        new("step 1: still broken", replies => Click(replies, "Still broken, next step"), replies => AnyCard(replies, "Step 2 of")),
        new("step 2: that fixed it", replies => Click(replies, "That fixed it"), replies => AnyCard(replies, "Can you sign in to Teams now?")),
        new("confirm: yes", replies => Click(replies, "Yes"), replies => AnyText(replies, "glad you're back in") && AnyCard(replies, "How much did I help?")),
        new("rating: 4 stars", replies => Click(replies, "4 ★"), replies => AnyText(replies, "Thanks for the rating")),
    ]);

    /// <summary>The botbuilder-js peer's bot (bench/js-peer/bot.js): the engine benchmark's 3-step waterfall.</summary>
    public static HttpJourney Waterfall { get; } = new("botbuilder-js 3-step waterfall",
    [
        new("greeting", _ => Text("hi"), replies => AnyText(replies, "What's your name?")),
        new("name", _ => Text("Ada"), replies => AnyText(replies, "How many devices?")),
        new("number", _ => Text("2"), replies => AnyText(replies, "Thanks Ada, 2 device(s) noted.")),
    ]);

    /// <summary>The same posts as <see cref="Troubleshooting"/> with the card submits' shapes fixed; any reply completes a turn.</summary>
    public static HttpJourney Bare { get; } = new("bare endpoint",
    [
        new("greeting", _ => Text("hi"), replies => replies.Count > 0),
        new("error code", _ => Text("0xCAA20003 on windows"), replies => replies.Count > 0),
        new("not the affected PC", _ => Text("no"), replies => replies.Count > 0),
        new("step 1: still broken", _ => Submit(new JsonObject { ["action"] = "next", ["stepId"] = "caa20003-1" }), replies => replies.Count > 0),
        new("step 2: that fixed it", _ => Submit(new JsonObject { ["action"] = "fixed", ["stepId"] = "caa20003-2" }), replies => replies.Count > 0),
        new("confirm: yes", _ => Submit(new JsonObject { ["action"] = "yes" }), replies => replies.Count > 0),
        new("rating: 4 stars", _ => Submit(new JsonObject { ["action"] = "rate", ["rating"] = 4 }), replies => replies.Count > 0),
    ]);

    internal static JsonObject Text(string text) => new() { ["type"] = "message", ["text"] = text };

    private static JsonObject Submit(JsonObject value) => new() { ["type"] = "message", ["value"] = value };

    /// <summary>
    /// What the Emulator posts for a click on an Action.Submit: a message whose value is the button's data, plus the
    /// card's <paramref name="inputs"/> (id → value) as Adaptive Cards merge them.
    /// </summary>
    internal static JsonObject Click(IReadOnlyList<JsonElement> replies, string title, IReadOnlyDictionary<string, string>? inputs = null)
    {
        for (var index = replies.Count - 1; index >= 0; index--)
        {
            if (FindSubmitData(replies[index], title) is { } data)
            {
                foreach (var (id, value) in inputs ?? new Dictionary<string, string>())
                {
                    data[id] = value;
                }

                return Submit(data);
            }
        }

        throw new InvalidOperationException($"No card in the previous replies has a \"{title}\" button.");
    }

    private static JsonObject? FindSubmitData(JsonElement activity, string title)
    {
        if (!activity.TryGetProperty("attachments", out var attachments) || attachments.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var attachment in attachments.EnumerateArray())
        {
            if (attachment.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.Object
                && content.TryGetProperty("actions", out var actions) && actions.ValueKind == JsonValueKind.Array)
            {
                foreach (var action in actions.EnumerateArray())
                {
                    if (action.TryGetProperty("title", out var name) && name.GetString() == title && action.TryGetProperty("data", out var data))
                    {
                        return JsonNode.Parse(data.GetRawText())?.AsObject();
                    }
                }
            }
        }

        return null;
    }

    internal static bool AnyText(IReadOnlyList<JsonElement> replies, string expected) => replies.Any(activity =>
        activity.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String && text.GetString()!.Contains(expected, StringComparison.Ordinal));

    internal static bool AnyCard(IReadOnlyList<JsonElement> replies, string expected) => replies.Any(activity =>
        activity.TryGetProperty("type", out var type) && type.GetString() == "message"
        && activity.TryGetProperty("attachments", out var attachments) && attachments.ValueKind == JsonValueKind.Array
        && attachments.GetRawText().Contains(expected, StringComparison.Ordinal));
}
