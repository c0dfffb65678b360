namespace CaaBot.Knowledge.Playbooks;

/// <summary>One fix step.</summary>
/// <param name="Id">Stable within its playbook (a slug of the title unless given), stored in conversation state.</param>
/// <param name="Platforms">Where the step applies; empty means everywhere.</param>
/// <param name="PerformedBy">Who can carry the step out; tenant-admin steps go to the helpdesk, not the user.</param>
/// <param name="Minutes">Rough time the step takes, when the author gave one.</param>
/// <param name="Instructions">Numbered instructions as Markdown, one item each; paths and commands in backticks or fenced blocks.</param>
/// <param name="SharedStepId">The shared step this came from (<c>_shared/{id}.md</c>), or null for a step written in place.</param>
/// <param name="SourceLine">1-based line of the step's heading in its file.</param>
public sealed record PlaybookStep(
    string Id,
    string Title,
    IReadOnlyList<PlaybookPlatform> Platforms,
    StepPerformer PerformedBy,
    int? Minutes,
    IReadOnlyList<string> Instructions,
    string? SharedStepId,
    int SourceLine)
{
    /// <summary>True when the step needs elevated rights on the PC or in the tenant: shown as an "admin rights needed" badge.</summary>
    public bool RequiresAdmin => PerformedBy != StepPerformer.User;
}
