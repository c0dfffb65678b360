using CaaBot.Conversations.Turns;
using CaaBot.Protocol.Schema;

namespace CaaBot.Conversations.Prompts;

/// <summary>What a prompt says. Stored with the prompt's state, so it must be plain data.</summary>
public sealed record PromptOptions
{
    /// <summary>The question.</summary>
    public required Activity Prompt { get; init; }

    /// <summary>Said after an answer that was not understood; defaults to <see cref="Prompt"/>.</summary>
    public Activity? RetryPrompt { get; init; }

    /// <summary>For <see cref="ChoicePrompt"/>: what the user can pick.</summary>
    public IReadOnlyList<Choice>? Choices { get; init; }

    /// <summary>
    /// Where <see cref="Prompt"/>'s cards come from. When set, the prompt's state keeps this reference instead of the
    /// cards (and of a retry prompt's cards when they are the same), and the prompt's <c>CardRenderer</c> rebuilds them
    /// whenever the question is shown again.
    /// </summary>
    public PromptCardSource? CardSource { get; init; }

    public static PromptOptions FromText(string prompt, string? retryPrompt = null) => new()
    {
        Prompt = MessageFactory.Text(prompt),
        RetryPrompt = retryPrompt is null ? null : MessageFactory.Text(retryPrompt),
    };
}
