namespace CaaBot.Conversations.Prompts;

/// <summary>The choice the user picked, and its position (0-based) in the list.</summary>
public sealed record FoundChoice(string Value, int Index);
