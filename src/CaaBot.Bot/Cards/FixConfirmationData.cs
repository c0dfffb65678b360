namespace CaaBot.Bot.Cards;

/// <summary>What the clicked "Can you sign in to Teams now?" card is replaced with: the answer given.</summary>
public sealed record FixConfirmationData(bool CanSignIn);
