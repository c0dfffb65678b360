using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CaaBot.Protocol;
using CaaBot.Protocol.Schema;

namespace CaaBot.Conversations.Prompts;

/// <summary>
/// Sends an Adaptive Card and waits for its submit, deserialized to <typeparamref name="T"/>. The card's submit
/// actions are marked with this prompt instance, so a click on an older card is answered as stale; typed text
/// instead of a click counts as a failed attempt and the card is offered again.
/// </summary>
public sealed class CardSubmitPrompt<T> : Prompt<T>
{
    private readonly JsonTypeInfo<T> _typeInfo;

    public CardSubmitPrompt(string id, JsonTypeInfo<T> typeInfo, PromptValidator<T>? validator = null, int maxAttempts = 3)
        : base(id, validator, maxAttempts)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        _typeInfo = typeInfo;
    }

    /// <summary>Reads submits with the protocol's JSON options.</summary>
    public CardSubmitPrompt(string id, PromptValidator<T>? validator = null, int maxAttempts = 3)
        : this(id, (JsonTypeInfo<T>)ProtocolJson.Options.GetTypeInfo(typeof(T)), validator, maxAttempts)
    {
    }

    protected override PromptRecognition<T> Recognize(Activity activity, PromptOptions options)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (!activity.IsCardSubmit())
        {
            return PromptRecognition<T>.NotRecognized;
        }

        try
        {
            return activity.Value!.Value.Deserialize(_typeInfo) is { } value
                ? PromptRecognition<T>.Recognized(value)
                : PromptRecognition<T>.NotRecognized;
        }
        catch (JsonException)
        {
            return PromptRecognition<T>.NotRecognized;
        }
    }
}
