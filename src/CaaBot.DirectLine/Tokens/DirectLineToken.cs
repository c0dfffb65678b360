namespace CaaBot.DirectLine.Tokens;

/// <summary>What a token vouches for: one conversation, one server-decided user, until <see cref="ExpiresAt"/>.</summary>
public sealed record DirectLineToken(DirectLineTokenKind Kind, string ConversationId, string UserId, string? UserName, DateTimeOffset ExpiresAt);
