using CaaBot.Conversations.Recognition;
using CaaBot.Protocol.Schema;

namespace CaaBot.Conversations.Prompts;

/// <summary>Asks a yes/no question, shown with Yes and No buttons; understands the usual informal answers.</summary>
public sealed class ConfirmPrompt(string id, PromptValidator<bool>? validator = null, int maxAttempts = 3)
    : Prompt<bool>(id, validator, maxAttempts)
{
    /// <summary>The buttons' titles; a click sends its title as the message text.</summary>
    public const string YesChoice = "Yes";
    public const string NoChoice = "No";

    private static readonly HashSet<string> Yes = TextNormalizer.ToKeySet(
    [
        "yes", "y", "yeah", "yea", "yep", "yup", "ya", "sure", "sure thing", "ok", "okay", "k", "correct", "right", "that's right",
        "of course", "absolutely", "definitely", "affirmative", "yes please", "please do", "go ahead", "it worked", "it did", "true", "👍",
    ]);

    private static readonly HashSet<string> No = TextNormalizer.ToKeySet(
    [
        "no", "n", "nope", "nah", "no thanks", "no thank you", "not really", "negative", "not yet", "no it didn't", "it didn't",
        "didn't work", "still broken", "false", "👎",
    ]);

    protected override PromptRecognition<bool> Recognize(Activity activity, PromptOptions options)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var answer = TextNormalizer.Normalize(activity.Text);
        return Yes.Contains(answer) ? PromptRecognition<bool>.Recognized(true)
            : No.Contains(answer) ? PromptRecognition<bool>.Recognized(false)
            : PromptRecognition<bool>.NotRecognized;
    }

    protected override Activity Present(Activity prompt, PromptOptions options)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        return prompt.SuggestedActions is not null
            ? prompt
            : prompt with { SuggestedActions = new SuggestedActions { Actions = [CardAction.ImBack(YesChoice), CardAction.ImBack(NoChoice)] } };
    }
}
