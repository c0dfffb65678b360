using System.Text.Json;

namespace CaaBot.EndToEnd.Tests.Playground;

/// <summary>One <c>Action.Submit</c> button of a card the Playground shows.</summary>
/// <param name="Title">The button's label.</param>
/// <param name="Data">Its <c>data</c> as written in the card (null when it has none).</param>
/// <param name="AssociatedInputs"><c>"none"</c> when the button sends no inputs; null or <c>"auto"</c> otherwise.</param>
public sealed record PlaygroundCardAction(string Title, JsonElement? Data, string? AssociatedInputs)
{
    /// <summary>The data field <paramref name="name"/> as text (strings as they are, anything else as raw JSON); null when absent.</summary>
    public string? DataValue(string name) =>
        Data is { ValueKind: JsonValueKind.Object } data && data.TryGetProperty(name, out var value)
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
            : null;
}
