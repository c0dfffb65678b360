namespace CaaBot.DirectLine.Conversations;

/// <summary>A started conversation, stored once: who it belongs to and when it began.</summary>
public sealed record ConversationRecord(string ConversationId, string UserId, string? UserName, DateTimeOffset StartedAt);
