using System.Text.Json;
using System.Text.Json.Nodes;
using CaaBot.Conversations.Prompts;
using CaaBot.Conversations.Turns;
using CaaBot.Protocol.Schema;

namespace CaaBot.Conversations.Tests.Prompts;

public sealed class CardSubmitMarkerTests
{
    private const string Card = """
        {
          "type": "AdaptiveCard", "version": "1.5",
          "body": [
            { "type": "TextBlock", "text": "Step 1 of 6 ⏱ \"quoted\" <b>" },
            { "type": "ActionSet", "actions": [ { "type": "Action.Submit", "title": "Nested", "data": { "action": "fixed", "stepId": "s1" } } ] }
          ],
          "actions": [
            { "type": "Action.Submit", "title": "No data" },
            { "type": "Action.Submit", "title": "Null data", "data": null },
            { "type": "Action.Submit", "title": "Text data", "data": "next" },
            { "type": "Action.Submit", "title": "Old marker", "data": { "caabotPromptId": "OLD", "n": [1, 2.5, true, null] } },
            { "type": "Action.OpenUrl", "title": "Docs", "url": "https://example.com", "data": { "keep": 1 } },
            { "type": "Action.ShowCard", "title": "More", "card": { "type": "AdaptiveCard", "actions": [ { "type": "Action.Submit", "title": "Deep", "data": { "x": "y" } } ] } }
          ]
        }
        """;

    [Fact]
    public void Stamp_MarksEverySubmitAction_WhereverItSits_AndChangesNothingElse()
    {
        var activity = MessageFactory.AdaptiveCard(JsonDocument.Parse(Card).RootElement.Clone());

        var stamped = CardSubmitMarker.Stamp(activity, "NEW");

        var card = JsonNode.Parse(stamped.Attachments![0].Content!.Value.GetRawText())!;
        var actions = card["actions"]!.AsArray();
        Assert.Equal("""{"action":"fixed","stepId":"s1","caabotPromptId":"NEW"}""", card["body"]![1]!["actions"]![0]!["data"]!.ToJsonString());
        Assert.Equal("""{"caabotPromptId":"NEW"}""", actions[0]!["data"]!.ToJsonString());
        Assert.Equal("""{"caabotPromptId":"NEW"}""", actions[1]!["data"]!.ToJsonString());
        Assert.Equal("next", actions[2]!["data"]!.GetValue<string>());
        Assert.Equal("""{"n":[1,2.5,true,null],"caabotPromptId":"NEW"}""", actions[3]!["data"]!.ToJsonString());
        Assert.Equal("""{"keep":1}""", actions[4]!["data"]!.ToJsonString());
        Assert.Equal("""{"x":"y","caabotPromptId":"NEW"}""", actions[5]!["card"]!["actions"]![0]!["data"]!.ToJsonString());
        Assert.Equal("Step 1 of 6 ⏱ \"quoted\" <b>", card["body"]![0]!["text"]!.GetValue<string>());
        Assert.Equal(6, actions.Count);
    }

    [Fact]
    public void Stamp_LeavesTheOriginalActivityAndOtherAttachmentsAlone()
    {
        var hero = new Attachment { ContentType = "application/vnd.microsoft.card.hero", Content = JsonDocument.Parse("""{"buttons":[{"type":"Action.Submit"}]}""").RootElement.Clone() };
        var activity = MessageFactory.AdaptiveCard(JsonDocument.Parse(Card).RootElement.Clone()) is var card
            ? card with { Attachments = [card.Attachments![0], hero] }
            : throw new InvalidOperationException();
        var before = activity.Attachments![0].Content!.Value.GetRawText();

        var stamped = CardSubmitMarker.Stamp(activity, "NEW");

        Assert.Equal(before, activity.Attachments[0].Content!.Value.GetRawText());
        Assert.Same(hero, stamped.Attachments![1]);
    }

    [Fact]
    public void TryRead_AClickOnAStampedCard_GivesTheInstanceIdBack()
    {
        var stamped = CardSubmitMarker.Stamp(MessageFactory.AdaptiveCard(JsonDocument.Parse(Card).RootElement.Clone()), "ABC123");
        var data = JsonNode.Parse(stamped.Attachments![0].Content!.Value.GetRawText())!["actions"]![0]!["data"]!;
        var click = new Activity { Type = ActivityTypes.Message, Value = JsonDocument.Parse(data.ToJsonString()).RootElement.Clone() };

        Assert.True(CardSubmitMarker.TryRead(click, out var id));
        Assert.Equal("ABC123", id);
    }
}
