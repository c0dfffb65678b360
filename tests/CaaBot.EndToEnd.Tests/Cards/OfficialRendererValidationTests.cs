using System.Text.Json;

namespace CaaBot.EndToEnd.Tests.Cards;

/// <summary>
/// Every card shape, filled with hostile text, goes through the official Adaptive Cards renderer (adaptivecards 3.0.6
/// under node + jsdom): zero parse or validation errors allowed. A deliberately broken card proves the check bites.
/// </summary>
public sealed class OfficialRendererValidationTests
{
    [Fact]
    public async Task EveryCardShape_WithHostileText_ParsesAndValidatesWithoutErrors()
    {
        var cards = HostileCards.All().ToList();

        var report = await CardValidator.ValidateAsync([.. cards.Select(c => c.Card)], CancellationToken.None);

        Assert.Equal(cards.Count, report.CardCount);
        var failing = Enumerable.Range(0, cards.Count).Where(i => report.EventsOf(i).Count > 0).Select(i => cards[i].Name).ToList();
        Assert.True(report.ErrorCount == 0, $"Cards with errors: {string.Join(", ", failing)}{Environment.NewLine}{report.RawJson}");
    }

    [Fact]
    public async Task BrokenCards_AreReportedWithTheirErrors()
    {
        JsonElement[] cards =
        [
            Parse("""{"type":"AdaptiveCard","version":"1.5","body":[{"type":"TextBlock","text":"fine","wrap":true}],"actions":[{"type":"Action.Submit","title":"Ok","data":{"action":"x"}}]}"""),
            Parse("""{"type":"AdaptiveCard","version":"1.5","body":[{"type":"Bogus"},{"type":"Input.Text","id":"a"},{"type":"Input.Text","id":"a"}]}"""),
            Parse("""{"type":"AdaptiveCard","version":"1.6","body":[{"type":"Input.Text"},{"type":"TextBlock","text":"x","size":"huge"}],"actions":[{"type":"Action.Submit","title":"s","data":"text"},{"type":"Action.Nope"}]}"""),
        ];

        var report = await CardValidator.ValidateAsync(cards, CancellationToken.None);

        Assert.Empty(report.EventsOf(0));
        Assert.Contains("UnknownElementType", report.EventsOf(1));
        Assert.Contains("DuplicateId", report.EventsOf(1));
        Assert.Contains("PropertyCantBeNull", report.EventsOf(2));
        Assert.Contains("InvalidPropertyValue", report.EventsOf(2));
        Assert.Contains("UnknownActionType", report.EventsOf(2));
        Assert.Contains("UnsupportedCardVersion", report.EventsOf(2));
        Assert.Contains("SubmitDataNotObject", report.EventsOf(2));
        Assert.True(report.ErrorCount >= 7, report.RawJson);
    }

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
