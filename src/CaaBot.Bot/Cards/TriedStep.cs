namespace CaaBot.Bot.Cards;

/// <summary>A step the user went through, for the escalation summary.</summary>
public sealed record TriedStep(string Title, StepOutcome Outcome);
