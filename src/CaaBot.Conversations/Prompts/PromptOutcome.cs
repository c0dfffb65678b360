namespace CaaBot.Conversations.Prompts;

/// <summary>How a prompt ended.</summary>
public enum PromptOutcome
{
    /// <summary>The user gave a valid answer.</summary>
    Recognized,

    /// <summary>No valid answer within the allowed attempts: hand over (to a person, a default) instead of looping.</summary>
    GaveUp,
}
