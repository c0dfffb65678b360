using CaaBot.Protocol.Schema;

namespace CaaBot.DirectLine.Conversations;

/// <summary>An activity as stored in a conversation's history, with its watermark (stream sequence).</summary>
public sealed record AppendedActivity(long Sequence, Activity Activity);
