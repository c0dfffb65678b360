namespace CaaBot.Bot.Cards;

/// <summary>What the user answered on a step card.</summary>
public enum StepOutcome
{
    Fixed,
    StillBroken,
    Skipped,
    WentBack,
    AskedForPerson,
}
