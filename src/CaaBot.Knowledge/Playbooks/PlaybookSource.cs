namespace CaaBot.Knowledge.Playbooks;

/// <summary>Where a playbook's facts come from.</summary>
public sealed record PlaybookSource(string Title, Uri Url);
