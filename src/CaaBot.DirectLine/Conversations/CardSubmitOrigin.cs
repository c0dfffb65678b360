using System.Text.Json;
using CaaBot.Protocol;
using CaaBot.Protocol.Schema;

namespace CaaBot.DirectLine.Conversations;

/// <summary>
/// Finds the card a Web Chat button click came from. Teams puts the card's message id in a submit's
/// <c>replyToId</c>; Web Chat does not, yet the bot needs it to replace the answered card. The click's
/// <c>value</c> is the button's <c>data</c> merged with the card's inputs, so the card is the latest bot
/// message with an <c>Action.Submit</c> whose data is contained in that value.
/// </summary>
internal static class CardSubmitOrigin
{
    public static string? Find(JsonElement submittedValue, IEnumerable<Activity> newestFirst)
    {
        foreach (var activity in newestFirst)
        {
            if (activity.From?.Role != RoleTypes.Bot || activity.Attachments is not { Count: > 0 } attachments)
            {
                continue;
            }

            if (attachments.Any(attachment => attachment is { ContentType: ContentTypes.AdaptiveCard, Content: { } card } && HasSubmitMatching(card, submittedValue)))
            {
                return activity.Id;
            }
        }

        return null;
    }

    private static bool HasSubmitMatching(JsonElement node, JsonElement value) => node.ValueKind switch
    {
        JsonValueKind.Object when IsSubmit(node) && node.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object && Contains(value, data) => true,
        JsonValueKind.Object => node.EnumerateObject().Any(property => HasSubmitMatching(property.Value, value)),
        JsonValueKind.Array => node.EnumerateArray().Any(item => HasSubmitMatching(item, value)),
        _ => false,
    };

    private static bool IsSubmit(JsonElement node) =>
        node.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "Action.Submit";

    /// <summary>Every property of <paramref name="data"/> is in <paramref name="value"/> with an equal value.</summary>
    private static bool Contains(JsonElement value, JsonElement data)
    {
        var any = false;
        foreach (var property in data.EnumerateObject())
        {
            any = true;
            if (!value.TryGetProperty(property.Name, out var submitted) || !JsonElement.DeepEquals(submitted, property.Value))
            {
                return false;
            }
        }

        return any;
    }
}
