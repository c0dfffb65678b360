namespace CaaBot.Conversations.Prompts;

/// <summary>A validator's verdict; an invalid answer carries the reason told to the user.</summary>
public readonly record struct PromptValidation(bool IsValid, string? Reason)
{
    public static PromptValidation Valid { get; } = new(true, null);

    public static PromptValidation Invalid(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new(false, reason);
    }
}
