using System.Text.Json;

namespace CaaBot.Protocol.Schema;

/// <summary>The synchronous result of an invoke activity: HTTP status and body of the response to the channel's POST.</summary>
public sealed record InvokeResponse(int Status, JsonElement? Body = null);
