namespace CaaBot.Conversations.Prompts;

/// <summary>Checks a recognised answer; usually a small static method.</summary>
public delegate PromptValidation PromptValidator<in T>(T value);
