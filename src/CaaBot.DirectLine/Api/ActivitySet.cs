using CaaBot.Protocol.Schema;

namespace CaaBot.DirectLine.Api;

/// <summary><c>{"activities":[…],"watermark":"…"}</c>: a poll's answer and a WebSocket frame. Watermarks are strings.</summary>
public sealed record ActivitySet
{
    public required IReadOnlyList<Activity> Activities { get; init; }

    public required string Watermark { get; init; }
}
