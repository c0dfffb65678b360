using CaaBot.Protocol.Schema;

namespace CaaBot.Conversations.Turns;

/// <summary>What processing one incoming activity produced, for the host to turn into an HTTP response.</summary>
/// <param name="InvokeResponse">For an invoke: the bot's answer, or null when nobody handled it (→ 501).</param>
/// <param name="WasDuplicate">The activity id had already been processed; nothing was done.</param>
public sealed record TurnOutcome(InvokeResponse? InvokeResponse, bool WasDuplicate);
