namespace CaaBot.Knowledge.Playbooks;

/// <summary>A playbook that parsed cleanly, with the lines of its code and aliases for cross-file checks.</summary>
internal sealed record ParsedPlaybook(Playbook Playbook, IReadOnlyList<(string Name, int Line, bool IsCode)> Names);
