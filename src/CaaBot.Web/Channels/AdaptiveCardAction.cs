using System.Text.Json;
using System.Text.Json.Nodes;
using CaaBot.Protocol;
using CaaBot.Protocol.Schema;

namespace CaaBot.Web.Channels;

/// <summary>
/// Teams' <c>Action.Execute</c> (Universal Actions) arrives as an <c>invoke</c> named <c>adaptiveCard/action</c>
/// instead of a message. The bot's dialogs understand card submits, so the invoke is run as the submit it stands
/// for (the action's <c>data</c>, with the <c>verb</c> as its <c>action</c> when the data names none), and the
/// answered card comes back in the invoke response, which is how Teams refreshes an <c>Action.Execute</c> card.
/// </summary>
public static class AdaptiveCardAction
{
    public const string InvokeName = "adaptiveCard/action";
    public const string ExecuteType = "Action.Execute";

    /// <summary>What Teams shows under the card when the bot answered with messages rather than a new card.</summary>
    public const string AcknowledgedMessage = "Got it.";

    /// <summary>Said when the answer takes longer than the channel waits; the bot's reply follows as a message.</summary>
    public const string StillWorkingMessage = "Working on it: my answer will follow in the chat.";

    public static bool IsAdaptiveCardAction(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return activity.Type == ActivityTypes.Invoke && activity.Name == InvokeName;
    }

    /// <summary>
    /// The card submit the invoke stands for, or null with the invoke response that explains why it cannot be run
    /// (no action, not <c>Action.Execute</c>, data that is not an object).
    /// </summary>
    public static (Activity? Submit, InvokeResponse? Refusal) ToSubmit(Activity invoke)
    {
        ArgumentNullException.ThrowIfNull(invoke);
        if (invoke.Value is not { ValueKind: JsonValueKind.Object } value
            || !value.TryGetProperty("action", out var action)
            || action.ValueKind != JsonValueKind.Object)
        {
            return (null, Error(400, "BadRequest", "The invoke carries no card action."));
        }

        if (!action.TryGetProperty("type", out var type) || type.GetString() != ExecuteType)
        {
            return (null, Error(400, "NotSupported", $"Only {ExecuteType} is supported."));
        }

        JsonObject data;
        if (!action.TryGetProperty("data", out var dataElement) || dataElement.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            data = [];
        }
        else if (dataElement.ValueKind == JsonValueKind.Object)
        {
            data = JsonNode.Parse(dataElement.GetRawText())!.AsObject();
        }
        else
        {
            return (null, Error(400, "BadRequest", "The action's data must be an object."));
        }

        if (!data.ContainsKey("action") && action.TryGetProperty("verb", out var verb) && verb.ValueKind == JsonValueKind.String)
        {
            data["action"] = verb.GetString();
        }

        var submit = invoke with
        {
            Type = ActivityTypes.Message,
            Name = null,
            Text = null,
            Value = JsonSerializer.SerializeToElement(data),
        };
        return (submit, null);
    }

    /// <summary>The invoke response for a handled action: the refreshed card when the bot replaced it, else a short acknowledgement.</summary>
    public static InvokeResponse Answer(JsonElement? refreshedCard) => refreshedCard is { } card
        ? Body(200, ContentTypes.AdaptiveCard, card)
        : Body(200, ContentTypes.ActivityMessage, JsonSerializer.SerializeToElement(AcknowledgedMessage));

    public static InvokeResponse StillWorking() =>
        Body(200, ContentTypes.ActivityMessage, JsonSerializer.SerializeToElement(StillWorkingMessage));

    public static InvokeResponse Failed() => Error(500, "InternalError", "Something went wrong on my side; the chat has the details.");

    private static InvokeResponse Error(int statusCode, string code, string message) =>
        Body(statusCode, ContentTypes.Error, JsonSerializer.SerializeToElement(new { code, message }));

    // The HTTP status is 200 whatever happened; the outcome is in the body (Universal Actions protocol).
    private static InvokeResponse Body(int statusCode, string type, JsonElement value) =>
        new(200, ProtocolJson.ToElement(new { statusCode, type, value }));
}
