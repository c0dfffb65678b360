using System.Text.Json;
using CaaBot.Bot.Tests.Cards;
using CaaBot.Protocol.Schema;

namespace CaaBot.Bot.Tests.Journeys;

/// <summary>Assertions on the cards of a journey, read the way a user sees them (markdown escapes removed).</summary>
internal static class JourneyCards
{
    public static string Text(JsonElement card)
    {
        var tree = new CardTree(card);
        var facts = tree.OfType("FactSet").SelectMany(set => set["facts"]!.AsArray()).Select(fact => $"{fact!["title"]}: {fact["value"]}");
        return string.Join(" | ", tree.AllText.Concat(facts)).Replace("\\", string.Empty, StringComparison.Ordinal);
    }

    public static Action<JsonElement> Step(int number, int total, string title) => card =>
    {
        var text = Text(card);
        Assert.Contains($"Step {number} of {total}", text, StringComparison.Ordinal);
        Assert.Contains(title, text, StringComparison.Ordinal);
        Assert.Contains("fixed", new CardTree(card).Actions);
    };

    public static Action<JsonElement> Containing(string part) => card => Assert.Contains(part, Text(card), StringComparison.Ordinal);

    /// <summary>The next reply replaces an earlier card (Teams: PUT; Direct Line: same id) with a record containing <paramref name="part"/>.</summary>
    public static Action<Activity> UpdateContaining(string part) => activity =>
    {
        Assert.Equal(ActivityTypes.MessageUpdate, activity.Type);
        Assert.False(string.IsNullOrEmpty(activity.Id));
        var card = Assert.Single(activity.Attachments!).Content!.Value;
        Assert.Contains(part, Text(card), StringComparison.Ordinal);
        Assert.Empty(new CardTree(card).Submits);
    };
}
