namespace CaaBot.Protocol.Schema;

/// <summary>The response body for <c>deliveryMode: "expectReplies"</c>: the turn's replies, in order.</summary>
public sealed record ExpectedReplies(IReadOnlyList<Activity> Activities);
