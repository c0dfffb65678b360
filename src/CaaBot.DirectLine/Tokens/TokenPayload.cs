using System.Text.Json.Serialization;

namespace CaaBot.DirectLine.Tokens;

/// <summary>The signed part of a token, kept short because it travels in every request.</summary>
internal sealed record TokenPayload(
    [property: JsonPropertyName("k")] string Kind,
    [property: JsonPropertyName("c")] string Conversation,
    [property: JsonPropertyName("u")] string User,
    [property: JsonPropertyName("n")] string? Name,
    [property: JsonPropertyName("e")] long Expires);
