namespace CaaBot.Conversations.Continuation;

/// <summary>How continuation codes behave.</summary>
public sealed record ContinuationCodeOptions
{
    /// <summary>How long a code works after it was shown.</summary>
    public TimeSpan Lifetime { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Wrong codes tolerated per <see cref="GuessWindow"/> (across all users of this instance) before redemptions pause.</summary>
    public int MaxWrongGuesses { get; init; } = 30;

    public TimeSpan GuessWindow { get; init; } = TimeSpan.FromMinutes(1);
}
