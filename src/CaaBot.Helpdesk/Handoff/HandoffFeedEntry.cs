namespace CaaBot.Helpdesk.Handoff;

/// <summary>One line of the desk's feed: which session changed and how (the console refreshes from it).</summary>
public sealed record HandoffFeedEntry(string SessionId, HandoffChangeKind Kind, long MessageSequence);
