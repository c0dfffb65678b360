namespace CaaBot.Knowledge.Playbooks;

/// <summary>A step written once in <c>_shared/&lt;id&gt;.md</c>; <see cref="Step"/> is null when the file has errors.</summary>
internal sealed record SharedStep(string Id, string FilePath, string Text, PlaybookStep? Step);
