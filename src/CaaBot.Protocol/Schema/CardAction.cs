using System.Text.Json;
using System.Text.Json.Serialization;

namespace CaaBot.Protocol.Schema;

/// <summary>A button of a suggested action or hero card (<c>imBack</c>, <c>postBack</c>, <c>messageBack</c>…).</summary>
public sealed record CardAction
{
    public required string Type { get; init; }
    public string? Title { get; init; }
    public string? Image { get; init; }
    public string? ImageAltText { get; init; }
    public string? Text { get; init; }
    public string? DisplayText { get; init; }
    public JsonElement? Value { get; init; }
    public JsonElement? ChannelData { get; init; }

    // Settable (not init) so source-generated serializer contexts can fill it too.
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }

    /// <summary>A button that posts <paramref name="title"/> back as visible user text.</summary>
    public static CardAction ImBack(string title, string? value = null) =>
        new() { Type = ActionTypes.ImBack, Title = title, Value = JsonSerializer.SerializeToElement(value ?? title) };
}
