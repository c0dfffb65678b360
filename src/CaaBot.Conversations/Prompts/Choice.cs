namespace CaaBot.Conversations.Prompts;

/// <summary>One option of a <see cref="ChoicePrompt"/>: shown as <see cref="Value"/>, also recognised by its synonyms.</summary>
public sealed record Choice(string Value, IReadOnlyList<string>? Synonyms = null)
{
    public static IReadOnlyList<Choice> FromValues(params IEnumerable<string> values) => [.. values.Select(value => new Choice(value))];
}
