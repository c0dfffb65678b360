using CaaBot.Conversations.Recognition;
using CaaBot.Protocol.Schema;

namespace CaaBot.Conversations.Prompts;

/// <summary>
/// Asks the user to pick one of <see cref="PromptOptions.Choices"/>, shown as suggested actions. Recognises the
/// choice's number ("2"), its title or a synonym, ignoring case, spaces and punctuation.
/// </summary>
public sealed class ChoicePrompt(string id, PromptValidator<FoundChoice>? validator = null, int maxAttempts = 3)
    : Prompt<FoundChoice>(id, validator, maxAttempts)
{
    protected override PromptRecognition<FoundChoice> Recognize(Activity activity, PromptOptions options)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(options);
        var choices = options.Choices ?? [];
        var answer = TextNormalizer.Normalize(activity.Text);
        if (answer.Length == 0)
        {
            return PromptRecognition<FoundChoice>.NotRecognized;
        }

        if (int.TryParse(answer, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            && number >= 1 && number <= choices.Count)
        {
            return PromptRecognition<FoundChoice>.Recognized(new FoundChoice(choices[number - 1].Value, number - 1));
        }

        for (var index = 0; index < choices.Count; index++)
        {
            var choice = choices[index];
            if (TextNormalizer.Normalize(choice.Value) == answer
                || (choice.Synonyms ?? []).Any(synonym => TextNormalizer.Normalize(synonym) == answer))
            {
                return PromptRecognition<FoundChoice>.Recognized(new FoundChoice(choice.Value, index));
            }
        }

        return PromptRecognition<FoundChoice>.NotRecognized;
    }

    protected override Activity Present(Activity prompt, PromptOptions options)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(options);
        return prompt.SuggestedActions is not null || options.Choices is not { Count: > 0 } choices
            ? prompt
            : prompt with { SuggestedActions = new SuggestedActions { Actions = [.. choices.Select(choice => CardAction.ImBack(choice.Value))] } };
    }
}
