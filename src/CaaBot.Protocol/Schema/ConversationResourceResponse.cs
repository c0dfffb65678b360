namespace CaaBot.Protocol.Schema;

/// <summary>Answer to creating a conversation: its id, and the first activity's id when one was sent with it.</summary>
public sealed record ConversationResourceResponse(string? Id, string? ActivityId = null, string? ServiceUrl = null);
