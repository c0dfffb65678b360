using System.Text.Json;
using System.Text.Json.Serialization;

namespace CaaBot.Protocol.Schema;

/// <summary>The code and message of a Connector error (e.g. <c>BadArgument</c>, <c>ConversationNotFound</c>).</summary>
public sealed record ErrorDetail(string? Code, string? Message)
{
    /// <summary>The failing upstream call, when the channel relays one (<c>{statusCode, body}</c>).</summary>
    public InnerHttpError? InnerHttpError { get; init; }

    // Settable (not init) so source-generated serializer contexts can fill it too.
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}
