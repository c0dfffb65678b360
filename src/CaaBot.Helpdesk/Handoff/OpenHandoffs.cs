namespace CaaBot.Helpdesk.Handoff;

/// <summary>The index of chats not yet ended: what the console lists, and how a second request from the same conversation finds the first.</summary>
internal sealed record OpenHandoffs(IReadOnlyList<OpenHandoff> Sessions);

internal sealed record OpenHandoff(string SessionId, string ConversationKey);
