using System.Text.Json.Serialization;

namespace CaaBot.DirectLine.Api;

/// <summary>
/// The Direct Line <c>Conversation</c> object (token generate/refresh, start, reconnect). <c>userId</c> is an addition:
/// the server-decided user id, so a page can give Web Chat the same id the server stamps on its messages.
/// </summary>
public sealed record ConversationResponse(
    [property: JsonPropertyName("conversationId")] string ConversationId,
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("streamUrl"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? StreamUrl = null,
    [property: JsonPropertyName("userId"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? UserId = null);
