namespace CaaBot.Protocol.Schema;

/// <summary>The response body for <c>deliveryMode: "expectReplies"</c>: the turn's replies, in order.</summary>
public sealed record ExpectedReplies
{
    /// <summary>Always written, even when empty: callers read <c>activities</c> without checking for it.</summary>
    public required IReadOnlyList<Activity> Activities { get; init; }
}
