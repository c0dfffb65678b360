namespace CaaBot.Conversations.Continuation;

/// <summary>A code as shown to the user (<c>KXRT-9M2Q</c>) and when it stops working.</summary>
public sealed record ContinuationCode(string Code, DateTimeOffset ExpiresAt);
