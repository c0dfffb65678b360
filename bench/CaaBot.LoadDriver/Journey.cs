using System.Text.Json;
using System.Text.Json.Nodes;

namespace CaaBot.LoadDriver;

/// <summary>
/// The short journey every conversation runs, as Web Chat posts it: "hi", an error code with a platform, then a
/// click on the step card's "Still broken, next step" button (its <c>data</c> as <c>value</c>, <c>postBack</c>).
/// A turn's round trip ends when the bot's reply that completes it arrives on the WebSocket; against CaaBot that is
/// a reply with the expected text (checked, so a wrong answer counts as an error), against the bare peer any reply.
/// </summary>
internal sealed record Journey(IReadOnlyList<JourneyTurn> Turns)
{
    public const string NextStepButton = "Still broken, next step";

    public static Journey CaaBot { get; } = new(
    [
        new JourneyTurn("greeting", _ => Text("hi"), reply => TextContains(reply, "Have you got an error code?")),
        new JourneyTurn("error code", _ => Text("0xCAA20004 on windows"), reply => CardContains(reply, "Step 1 of")),
        new JourneyTurn("card click", ClickNextStep, reply => CardContains(reply, "Step 2 of")),
    ]);

    public static Journey BarePeer { get; } = new(
    [
        new JourneyTurn("greeting", _ => Text("hi"), _ => true),
        new JourneyTurn("error code", _ => Text("0xCAA20004 on windows"), _ => true),
        new JourneyTurn("card click", ClickNextStep, _ => true),
    ]);

    private static JsonObject Text(string text) => new() { ["type"] = "message", ["text"] = text };

    /// <summary>What Web Chat posts for a click on an Action.Submit: the button's data, <c>postBack</c>, no replyToId.</summary>
    private static JsonObject ClickNextStep(JsonElement? previousReply)
    {
        var data = previousReply is { } card ? FindSubmitData(card, NextStepButton) : null;
        return new JsonObject
        {
            ["type"] = "message",
            ["value"] = data ?? throw new InvalidOperationException($"The previous reply holds no \"{NextStepButton}\" button."),
            ["channelData"] = new JsonObject { ["postBack"] = true },
        };
    }

    private static JsonNode? FindSubmitData(JsonElement activity, string title)
    {
        if (!activity.TryGetProperty("attachments", out var attachments) || attachments.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var attachment in attachments.EnumerateArray())
        {
            if (attachment.TryGetProperty("content", out var content) && content.TryGetProperty("actions", out var actions) && actions.ValueKind == JsonValueKind.Array)
            {
                foreach (var action in actions.EnumerateArray())
                {
                    if (action.TryGetProperty("title", out var name) && name.GetString() == title && action.TryGetProperty("data", out var data))
                    {
                        return JsonNode.Parse(data.GetRawText());
                    }
                }
            }
        }

        return null;
    }

    private static bool TextContains(JsonElement activity, string expected) =>
        activity.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String && text.GetString()!.Contains(expected, StringComparison.Ordinal);

    private static bool CardContains(JsonElement activity, string expected) =>
        activity.TryGetProperty("attachments", out var attachments) && attachments.ValueKind == JsonValueKind.Array
        && attachments.GetRawText().Contains(expected, StringComparison.Ordinal);
}
