using CaaBot.Bot.Support;

namespace CaaBot.Bot.Dialogs;

/// <summary>The guide's position; its final value says how the guide ended.</summary>
public sealed record GuidedFixState(GuideProgress Progress)
{
    public GuideOutcome Outcome { get; init; } = GuideOutcome.InProgress;
}
