using System.Numerics;
using CaaBot.Protocol.Schema;

namespace CaaBot.Conversations.Prompts;

/// <summary>
/// Asks for a number of type <typeparamref name="T"/> (<c>int</c>, <c>decimal</c>…). Takes the first number in the
/// answer ("3", "3 laptops", "three"); an answer that does not fit <typeparamref name="T"/> ("2.5" for an int) is retried.
/// </summary>
public sealed class NumberPrompt<T>(string id, PromptValidator<T>? validator = null, int maxAttempts = 3)
    : Prompt<T>(id, validator, maxAttempts)
    where T : struct, INumber<T>
{
    protected override PromptRecognition<T> Recognize(Activity activity, PromptOptions options)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return NumberText.TryFind<T>(activity.Text, out var value)
            ? PromptRecognition<T>.Recognized(value)
            : PromptRecognition<T>.NotRecognized;
    }
}
