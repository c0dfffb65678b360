using System.Text.Json;
using System.Text.Json.Nodes;

namespace CaaBot.Bot.Tests.Cards;

/// <summary>Reads a card the way the tests look at it: elements by type, submit actions, every shown text.</summary>
internal sealed class CardTree(JsonElement card)
{
    public JsonObject Root { get; } = JsonNode.Parse(card.GetRawText())!.AsObject();

    public IEnumerable<JsonObject> All => Walk(Root);

    public IEnumerable<JsonObject> OfType(string type) =>
        All.Where(node => node["type"] is JsonValue value && value.TryGetValue<string>(out var name) && name == type);

    public IReadOnlyList<JsonObject> Submits => [.. OfType("Action.Submit")];

    public IReadOnlyList<JsonObject> SubmitData => [.. Submits.Select(action => action["data"]!.AsObject())];

    public IReadOnlyList<string> Actions => [.. SubmitData.Select(data => (string)data["action"]!)];

    public IReadOnlyList<string> TextBlocks => [.. OfType("TextBlock").Select(block => (string)block["text"]!)];

    public IReadOnlyList<JsonObject> Runs => [.. OfType("TextRun")];

    public IReadOnlyList<string> MonospaceRuns => [.. Runs.Where(run => (string?)run["fontType"] == "Monospace").Select(run => (string)run["text"]!)];

    public IReadOnlyList<string> AllText => [.. TextBlocks, .. Runs.Select(run => (string)run["text"]!)];

    public int Utf8Bytes(JsonSerializerOptions options) => JsonSerializer.SerializeToUtf8Bytes(Root, options).Length;

    private static IEnumerable<JsonObject> Walk(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                yield return obj;
                foreach (var (key, child) in obj)
                {
                    // Submit data is the bot's payload, not card structure.
                    if (key != "data")
                    {
                        foreach (var inner in Walk(child))
                        {
                            yield return inner;
                        }
                    }
                }

                break;
            case JsonArray array:
                foreach (var inner in array.SelectMany(Walk))
                {
                    yield return inner;
                }

                break;
        }
    }
}
