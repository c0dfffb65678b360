using CaaBot.Knowledge.Playbooks;

namespace CaaBot.Bot.Cards;

/// <summary>What a step card shows: "Step 2 of 4", the title, the numbered instructions and the badges.</summary>
/// <param name="Number">1-based position of the step among the steps offered to this user.</param>
/// <param name="Total">How many steps are offered.</param>
/// <param name="Instructions">Playbook Markdown, one item each: <c>**bold**</c>, <c>`code`</c> and fenced blocks are understood.</param>
public sealed record StepCardData(
    int Number,
    int Total,
    string StepId,
    string Title,
    IReadOnlyList<string> Instructions,
    bool RequiresAdmin,
    int? Minutes)
{
    /// <summary>The first step has nowhere to go back to, so its card has no Back button.</summary>
    public bool CanGoBack => Number > 1;

    public static StepCardData FromStep(PlaybookStep step, int number, int total)
    {
        ArgumentNullException.ThrowIfNull(step);
        return new StepCardData(number, total, step.Id, step.Title, step.Instructions, step.RequiresAdmin, step.Minutes);
    }
}
