using System.Text.Json;
using CaaBot.Bot.Cards;
using CaaBot.Conversations.Prompts;
using CaaBot.Conversations.Recognition;
using CaaBot.Protocol;
using CaaBot.Protocol.Schema;

namespace CaaBot.Bot.Dialogs;

/// <summary>
/// Shows one of the support cards and waits for a click on it, or for the same answer typed in words: people in
/// Teams on a phone often type "it worked" instead of tapping. Clicks on older cards are answered as stale by the
/// base prompt; a click whose action this card does not offer is not taken as an answer.
/// </summary>
/// <param name="typedAnswers">What a typed answer means, as phrase → card action; matched ignoring case and punctuation.</param>
public sealed class SupportCardPrompt(
    string id,
    IReadOnlyCollection<string> actions,
    IReadOnlyDictionary<string, string> typedAnswers,
    PromptValidator<SupportCardSubmit>? validator = null,
    int maxAttempts = 3)
    : Prompt<SupportCardSubmit>(id, validator, maxAttempts)
{
    private readonly HashSet<string> _actions = new(actions, StringComparer.Ordinal);
    private readonly Dictionary<string, string> _typedAnswers = typedAnswers.ToDictionary(pair => TextNormalizer.Normalize(pair.Key), pair => pair.Value, StringComparer.Ordinal);

    protected override PromptRecognition<SupportCardSubmit> Recognize(Activity activity, PromptOptions options)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(options);
        if (activity.IsCardSubmit())
        {
            return ReadSubmit(activity.Value!.Value) is { } submit && _actions.Contains(submit.Action)
                ? PromptRecognition<SupportCardSubmit>.Recognized(submit)
                : PromptRecognition<SupportCardSubmit>.NotRecognized;
        }

        var typed = TextNormalizer.Normalize(activity.RemoveRecipientMention());
        if (typed.Length == 0)
        {
            return PromptRecognition<SupportCardSubmit>.NotRecognized;
        }

        // A number picks the n-th choice (playbook lists) or gives that many stars (rating).
        if (int.TryParse(typed, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            if (options.Choices is { Count: > 0 } choices && number >= 1 && number <= choices.Count)
            {
                return PromptRecognition<SupportCardSubmit>.Recognized(new SupportCardSubmit(SupportCardActions.Choose) { PlaybookId = choices[number - 1].Value });
            }

            if (_actions.Contains(SupportCardActions.Rate) && number is >= 1 and <= 5)
            {
                return PromptRecognition<SupportCardSubmit>.Recognized(new SupportCardSubmit(SupportCardActions.Rate) { Rating = number });
            }
        }

        return _typedAnswers.TryGetValue(typed, out var action) && _actions.Contains(action)
            ? PromptRecognition<SupportCardSubmit>.Recognized(TypedSubmit(action))
            : PromptRecognition<SupportCardSubmit>.NotRecognized;
    }

    private static SupportCardSubmit TypedSubmit(string action) =>
        // Typing "send" is as explicit as ticking the consent box.
        action == SupportCardActions.Send ? new SupportCardSubmit(action) { Consent = "true" } : new SupportCardSubmit(action);

    private static SupportCardSubmit? ReadSubmit(JsonElement value)
    {
        try
        {
            return value.Deserialize<SupportCardSubmit>(ProtocolJson.Options) is { Action: { Length: > 0 } } submit ? submit : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
