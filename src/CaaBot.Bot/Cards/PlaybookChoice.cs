namespace CaaBot.Bot.Cards;

/// <summary>One suggested playbook on the choices card.</summary>
/// <param name="Confidence">0..1 as the symptom matcher gives it; shown as a hint in words, not a number.</param>
public sealed record PlaybookChoice(string PlaybookId, string Title, double Confidence);
