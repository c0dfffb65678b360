namespace CaaBot.Conversations.Continuation;

/// <summary>How continuation codes behave.</summary>
public sealed record ContinuationCodeOptions
{
    /// <summary>How long a code works after it was shown.</summary>
    public TimeSpan Lifetime { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Wrong codes tolerated per <see cref="GuessWindow"/> across all users of this instance before redemptions pause
    /// for everyone: the backstop against guessing spread over many identities.
    /// </summary>
    public int MaxWrongGuesses { get; init; } = 30;

    public TimeSpan GuessWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Wrong codes tolerated from one requester (a user) per <see cref="RequesterGuessWindow"/>. Lower than the
    /// instance budget, so one person mistyping (or one guesser) is paused long before anyone else is.
    /// </summary>
    public int MaxWrongGuessesPerRequester { get; init; } = 5;

    public TimeSpan RequesterGuessWindow { get; init; } = TimeSpan.FromMinutes(10);
}
