using System.Text.Json;
using CaaBot.Bot.LiveChat.Teams;
using CaaBot.Helpdesk.Handoff;

namespace CaaBot.Bot.Tests.LiveChat.Teams;

public sealed class AgentThreadCardTests
{
    [Fact]
    public void For_WaitingChat_ShowsTheCaseAndATakeButtonWithObjectData()
    {
        var card = AgentThreadCard.For(HandoffSamples.Waiting());

        Assert.Equal("1.5", card.GetProperty("version").GetString());
        var texts = Texts(card);
        Assert.Contains(texts, text => text.StartsWith("Ada asks for a person", StringComparison.Ordinal));
        Assert.Contains(MarkdownText.Escape("CAA-000042"), texts);
        Assert.Contains("0xCAA20003", texts);
        Assert.Contains("Windows PC", texts);
        Assert.Contains("1\\. Restart Teams — still broken", texts);
        Assert.Contains("2\\. Check the clock — skipped", texts);
        Assert.Contains("Teams keeps asking me to sign in", texts);
        var take = Assert.Single(card.GetProperty("actions").EnumerateArray());
        Assert.Equal(("Action.Submit", AgentThreadCard.TakeTitle), (take.GetProperty("type").GetString(), take.GetProperty("title").GetString()));
        Assert.Equal(JsonValueKind.Object, take.GetProperty("data").ValueKind);
        Assert.Equal(AgentCardSubmit.Take, take.GetProperty("data").GetProperty("action").GetString());
        Assert.Equal("0123456789abcdef", take.GetProperty("data").GetProperty("sessionId").GetString());
    }

    [Fact]
    public void For_HostileNameAndWords_StayText()
    {
        const string name = "<script>alert(1)</script> **Boss**";
        const string words = "[click me](javascript:alert(1)) <img src=x onerror=alert(1)>";

        var texts = Texts(AgentThreadCard.For(HandoffSamples.Waiting(HandoffSamples.Request(name, words))));

        Assert.Contains(MarkdownText.Escape(words), texts);
        Assert.Contains(texts, text => text.StartsWith(MarkdownText.Escape(name), StringComparison.Ordinal));
        Assert.DoesNotContain(texts, text => text.Contains(words, StringComparison.Ordinal) || text.Contains("<script>alert(1)</script>", StringComparison.Ordinal) || text.Contains("**Boss**", StringComparison.Ordinal));
    }

    [Fact]
    public void For_TakenInTeams_SaysWhoAndOffersHandBackAndCloseInsteadOfTake()
    {
        var card = AgentThreadCard.For(HandoffSamples.TakenBy("Alex", AgentChannel.Teams));

        Assert.Contains(Texts(card), text => text.StartsWith("Taken by **Alex**", StringComparison.Ordinal));
        var actions = card.GetProperty("actions").EnumerateArray().ToList();
        Assert.Equal([AgentThreadCard.HandBackTitle, AgentThreadCard.CloseTitle], actions.Select(action => action.GetProperty("title").GetString()));
        Assert.Equal([AgentCardSubmit.HandBack, AgentCardSubmit.Close], actions.Select(action => action.GetProperty("data").GetProperty("action").GetString()));
    }

    [Fact]
    public void For_TakenInTheConsole_SaysSoAndHasNoButtons()
    {
        var card = AgentThreadCard.For(HandoffSamples.TakenBy("Sam", AgentChannel.Console));

        Assert.Contains(Texts(card), text => text.Contains("Taken by **Sam** (in the helpdesk console)", StringComparison.Ordinal));
        Assert.False(card.TryGetProperty("actions", out _));
    }

    [Theory]
    [InlineData(HandoffEnd.Closed, "Closed by Alex.")]
    [InlineData(HandoffEnd.HandedBack, "Handed back to the bot by Alex.")]
    [InlineData(HandoffEnd.UserLeft, "The user left the chat.")]
    [InlineData(HandoffEnd.Failed, "Ended: nobody took it. The ticket stands.")]
    public void For_EndedChat_SaysHowAndHasNoButtons(HandoffEnd end, string status)
    {
        var card = AgentThreadCard.For(HandoffSamples.Ended(end));

        Assert.Contains(status, Texts(card));
        Assert.False(card.TryGetProperty("actions", out _));
    }

    /// <summary>Every string in the card, as a client reads it.</summary>
    internal static List<string> Texts(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Object => [.. element.EnumerateObject().SelectMany(property => Texts(property.Value))],
        JsonValueKind.Array => [.. element.EnumerateArray().SelectMany(Texts)],
        _ => [],
    };
}
