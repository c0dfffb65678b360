namespace CaaBot.Bot.Cards;

/// <summary>The compact record that replaces a step card once it has been answered, so its buttons cannot be clicked twice.</summary>
public sealed record AnsweredStepData(int Number, int Total, string Title, StepOutcome Outcome);
