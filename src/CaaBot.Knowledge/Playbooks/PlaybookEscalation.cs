namespace CaaBot.Knowledge.Playbooks;

/// <summary>Where and how a playbook's unresolved cases go.</summary>
/// <param name="Group">The helpdesk queue or team, e.g. <c>identity</c>, <c>endpoint</c>, <c>network</c>.</param>
/// <param name="Priority"><c>low</c>, <c>normal</c>, <c>high</c>.</param>
/// <param name="When">Conditions under which to escalate at once rather than keep trying steps.</param>
public sealed record PlaybookEscalation(string Group, string Priority, IReadOnlyList<string> When);
