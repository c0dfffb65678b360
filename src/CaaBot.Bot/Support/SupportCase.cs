using CaaBot.Bot.Cards;
using CaaBot.Knowledge.Playbooks;

namespace CaaBot.Bot.Support;

/// <summary>
/// One person's troubleshooting, from the first message to "fixed" or a ticket. Kept in user state, so it follows the
/// person into a new conversation (and is offered for resuming there); the dialogs only hold where they are in it.
/// </summary>
/// <param name="Id">Stable id; also the helpdesk's idempotency key, so a retried turn never files a second ticket.</param>
public sealed record SupportCase(string Id, DateTimeOffset StartedAt)
{
    public CaseStatus Status { get; init; } = CaseStatus.Triage;

    /// <summary>Normalised code, e.g. <c>0xCAA20003</c>; null when the user had none.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>The user's description of the problem in their own words (kept as typed; escaped wherever shown).</summary>
    public string? UserWords { get; init; }

    /// <summary>Where Teams fails (not necessarily where the user is chatting from).</summary>
    public PlaybookPlatform? Platform { get; init; }

    /// <summary>The guide being worked through, and where.</summary>
    public GuideProgress? Guide { get; init; }

    public string? PlaybookTitle { get; init; }

    /// <summary>Every answer given on a step card, in order, including going back and skipping.</summary>
    public IReadOnlyList<CaseStep> Steps { get; init; } = [];

    /// <summary>What the bot found out on its own (a skewed clock, an unknown code's family), one line each.</summary>
    public IReadOnlyList<string> Findings { get; init; } = [];

    /// <summary>Files the user shared (screenshots, logs), oldest first; they go into the ticket.</summary>
    public IReadOnlyList<CaseAttachment> Attachments { get; init; } = [];

    public string? TicketNumber { get; init; }

    public int? Rating { get; init; }

    /// <summary>When the user confirmed the fix; the next-day check is about this.</summary>
    public DateTimeOffset? FixedAt { get; init; }

    /// <summary>The step that fixed it (the one confirmed).</summary>
    public string? FixedByStepTitle { get; init; }

    /// <summary>How the next-day check was answered: true held, false broke again, null not (yet) answered.</summary>
    public bool? FixHeld { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>True while there is a guide to go back to: offered for resuming in a later conversation.</summary>
    public bool CanResume => Status == CaseStatus.Guiding && Guide is not null;

    public SupportCase WithStep(CaseStep step) => this with { Steps = [.. Steps, step] };

    /// <summary>Adds <paramref name="files"/>, keeping at most <see cref="SharedFiles.MaxPerCase"/> and no link twice.</summary>
    public SupportCase WithAttachments(IEnumerable<CaseAttachment> files)
    {
        var kept = Attachments.ToList();
        foreach (var file in files)
        {
            if (kept.Count < SharedFiles.MaxPerCase && !kept.Any(known => known.ContentUrl == file.ContentUrl))
            {
                kept.Add(file);
            }
        }

        return kept.Count == Attachments.Count ? this : this with { Attachments = kept };
    }

    public SupportCase WithFinding(string finding) => Findings.Contains(finding, StringComparer.Ordinal) ? this : this with { Findings = [.. Findings, finding] };

    /// <summary>The answers that count for the summary: going back is navigation, so the later answer to the same step wins.</summary>
    public IReadOnlyList<CaseStep> LatestAnswerPerStep()
    {
        var latest = new List<CaseStep>();
        foreach (var step in Steps.Where(step => step.Outcome != StepOutcome.WentBack))
        {
            var index = latest.FindIndex(seen => seen.StepId == step.StepId);
            if (index >= 0)
            {
                latest[index] = step;
            }
            else
            {
                latest.Add(step);
            }
        }

        return latest;
    }
}
