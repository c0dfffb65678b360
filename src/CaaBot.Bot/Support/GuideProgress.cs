using CaaBot.Knowledge.Playbooks;

namespace CaaBot.Bot.Support;

/// <summary>
/// Where a user is in a guide: the playbook revision they started (so an edit mid-flow cannot reshuffle their steps),
/// the steps offered to them (after filtering by platform) and the one on screen.
/// </summary>
public sealed record GuideProgress(string PlaybookId, string Revision, PlaybookPlatform? Platform, IReadOnlyList<string> StepIds, int Index)
{
    public int Total => StepIds.Count;

    public bool IsFinished => Index >= StepIds.Count;

    public string? CurrentStepId => IsFinished ? null : StepIds[Index];
}
