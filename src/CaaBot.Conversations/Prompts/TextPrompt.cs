using CaaBot.Protocol.Schema;

namespace CaaBot.Conversations.Prompts;

/// <summary>Asks for free text; any non-blank message is an answer (trimmed).</summary>
public sealed class TextPrompt(string id, PromptValidator<string>? validator = null, int maxAttempts = 3)
    : Prompt<string>(id, validator, maxAttempts)
{
    protected override PromptRecognition<string> Recognize(Activity activity, PromptOptions options)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return string.IsNullOrWhiteSpace(activity.Text)
            ? PromptRecognition<string>.NotRecognized
            : PromptRecognition<string>.Recognized(activity.Text.Trim());
    }
}
