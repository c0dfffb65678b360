using CaaBot.Bot.Cards;

namespace CaaBot.Bot.Support;

/// <summary>One answer on a step card: which step, what the user said, when.</summary>
public sealed record CaseStep(string StepId, string Title, StepOutcome Outcome, DateTimeOffset At);
