using System.Text.Json;

namespace CaaBot.Protocol.Schema;

/// <summary>The upstream HTTP failure a channel may embed in an <see cref="ErrorDetail"/>.</summary>
public sealed record InnerHttpError(int? StatusCode, JsonElement? Body = null);
