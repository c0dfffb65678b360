namespace CaaBot.Bot.Cards;

/// <summary>"Can you sign in to Teams now?" after the user said a step fixed it.</summary>
public sealed record ConfirmFixData(string StepTitle);
