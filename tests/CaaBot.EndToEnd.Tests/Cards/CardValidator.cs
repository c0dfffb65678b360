using System.Text.Json;
using System.Text.Json.Nodes;
using CaaBot.EndToEnd.Tests.Infrastructure;

namespace CaaBot.EndToEnd.Tests.Cards;

/// <summary>Runs tests/e2e-clients/validate-cards.js (the official adaptivecards renderer under jsdom) over a batch of cards.</summary>
internal static class CardValidator
{
    public static async Task<CardValidationReport> ValidateAsync(IReadOnlyList<JsonElement> cards, CancellationToken cancellationToken)
    {
        NodeScript.EnsureInstalled("The Adaptive Cards renderer", "adaptivecards/dist/adaptivecards.js", "jsdom/package.json");
        var input = Path.Combine(Path.GetTempPath(), $"caabot-cards-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(input, JsonSerializer.Serialize(cards), cancellationToken);
        try
        {
            // Exit code 1 means "some card has errors": the report says which.
            var output = await NodeScript.RunAsync("validate-cards.js", [input], [0, 1], cancellationToken);
            return new CardValidationReport(JsonNode.Parse(output)!.AsObject(), output);
        }
        finally
        {
            File.Delete(input);
        }
    }
}
