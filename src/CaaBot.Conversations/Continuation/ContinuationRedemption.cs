namespace CaaBot.Conversations.Continuation;

/// <summary>What typing a continuation code achieved.</summary>
public enum ContinuationRedemptionStatus
{
    Redeemed,

    /// <summary>No such code, or it expired, or it was used already (deliberately not told apart: that would help guessing).</summary>
    NotValid,

    /// <summary>Too many wrong codes recently: redemptions pause for a while.</summary>
    Throttled,
}

/// <summary>The outcome of <see cref="ContinuationCodes.RedeemAsync"/>; <see cref="Payload"/> is set when redeemed.</summary>
public sealed record ContinuationRedemption(ContinuationRedemptionStatus Status, ReadOnlyMemory<byte> Payload)
{
    public static ContinuationRedemption NotValid { get; } = new(ContinuationRedemptionStatus.NotValid, ReadOnlyMemory<byte>.Empty);

    public static ContinuationRedemption Throttled { get; } = new(ContinuationRedemptionStatus.Throttled, ReadOnlyMemory<byte>.Empty);
}
