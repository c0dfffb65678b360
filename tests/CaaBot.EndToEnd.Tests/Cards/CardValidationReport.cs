using System.Text.Json.Nodes;

namespace CaaBot.EndToEnd.Tests.Cards;

/// <summary>What validate-cards.js printed: per card, the renderer's parse and validation events (and our host checks).</summary>
internal sealed record CardValidationReport(JsonObject Report, string RawJson)
{
    public int ErrorCount => (int)Report["errorCount"]!;

    public int CardCount => Report["cards"]!.AsArray().Count;

    public IReadOnlyList<string> EventsOf(int index) =>
        [.. Report["cards"]![index]!["errors"]!.AsArray().Select(error => (string)error!["event"]!)];
}
