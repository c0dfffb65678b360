namespace CaaBot.Knowledge.Playbooks;

/// <summary>One line of a Markdown file with its 1-based number, so every diagnostic can point at it.</summary>
internal readonly record struct SourceLine(int Number, string Text)
{
    public bool IsBlank => string.IsNullOrWhiteSpace(Text);
}
