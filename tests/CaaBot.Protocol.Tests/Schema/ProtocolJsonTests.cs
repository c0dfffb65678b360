using System.Text.Json;
using System.Text.Json.Nodes;
using CaaBot.Protocol.Schema;

namespace CaaBot.Protocol.Tests.Schema;

public sealed class ProtocolJsonTests
{
    [Fact]
    public void Serialize_NullMembers_AreOmitted()
    {
        var activity = new Activity { Type = ActivityTypes.Typing, From = new ChannelAccount { Id = "28:bot" } };

        var json = ProtocolJson.Serialize(activity);

        Assert.Equal("""{"type":"typing","from":{"id":"28:bot"}}""", json);
    }

    [Fact]
    public void Serialize_UtcTimestamp_IsWrittenWithZ()
    {
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Timestamp = new DateTimeOffset(2026, 3, 2, 8, 15, 42, 120, TimeSpan.Zero),
        };

        var json = JsonNode.Parse(ProtocolJson.Serialize(activity))!;

        Assert.Equal("2026-03-02T08:15:42.12Z", json["timestamp"]!.GetValue<string>());
    }

    [Fact]
    public void Serialize_UtcTimestampReadWithZeroOffset_IsWrittenWithZ()
    {
        var activity = ProtocolJson.Deserialize<Activity>("""{"type":"message","timestamp":"2026-03-02T08:15:42+00:00"}""")!;

        var json = JsonNode.Parse(ProtocolJson.Serialize(activity))!;

        Assert.Equal("2026-03-02T08:15:42Z", json["timestamp"]!.GetValue<string>());
    }

    [Fact]
    public void Serialize_LocalTimestamp_KeepsItsOffset()
    {
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            LocalTimestamp = new DateTimeOffset(2017, 2, 9, 21, 11, 19, 614, TimeSpan.FromHours(-7)),
        };

        var json = JsonNode.Parse(ProtocolJson.Serialize(activity))!;

        Assert.Equal("2017-02-09T21:11:19.614-07:00", json["localTimestamp"]!.GetValue<string>());
    }

    [Fact]
    public void Deserialize_TimestampWithoutOffset_IsTakenAsUtc()
    {
        var activity = ProtocolJson.Deserialize<Activity>("""{"type":"message","timestamp":"2026-03-02T08:15:42.5"}""")!;

        Assert.Equal(new DateTimeOffset(2026, 3, 2, 8, 15, 42, 500, TimeSpan.Zero), activity.Timestamp);
        Assert.Equal(TimeSpan.Zero, activity.Timestamp?.Offset);
    }

    [Fact]
    public void Deserialize_EmptyArrays_GiveEmptyLists()
    {
        var activity = ProtocolJson.Deserialize<Activity>("""{"type":"conversationUpdate","membersAdded":[],"attachments":[],"entities":[]}""")!;

        Assert.NotNull(activity.MembersAdded);
        Assert.Empty(activity.MembersAdded);
        Assert.Empty(activity.Attachments!);
        Assert.Empty(activity.Entities!);
    }

    [Fact]
    public void Serialize_EmptyOptionalCollections_AreOmitted()
    {
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Text = "",
            Attachments = [],
            Entities = [],
            MembersAdded = [],
        };

        var json = ProtocolJson.Serialize(activity);

        // Senders omit empty arrays; an empty text is meaningful and stays.
        Assert.Equal("""{"type":"message","text":""}""", json);
    }

    [Fact]
    public void Serialize_EmptyRequiredCollection_IsKept()
    {
        var actions = new SuggestedActions { To = [], Actions = [] };

        var json = ProtocolJson.Serialize(actions);

        // Actions is required, so dropping it would make the JSON unreadable by our own reader.
        Assert.Equal("""{"actions":[]}""", json);
        Assert.Empty(ProtocolJson.Deserialize<SuggestedActions>(json)!.Actions);
    }

    [Fact]
    public void Serialize_EmptyArraysInsideFreeFormJson_AreKept()
    {
        const string Original = """{"type":"message","value":{"inputs":[]},"channelData":{"onBehalfOf":[]},"x-extra":[]}""";

        var json = ProtocolJson.Serialize(ProtocolJson.Deserialize<Activity>(Original));

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Original), JsonNode.Parse(json)), json);
    }

    [Fact]
    public void Deserialize_UnknownMembersOnNestedRecords_AreKept()
    {
        const string Original = """
            {"type":"message","from":{"id":"29:u","userPrincipalName":"ada@contoso.example","email":"ada@contoso.example"},
             "conversation":{"id":"a:1","x-flag":true},
             "attachments":[{"contentType":"application/vnd.microsoft.card.adaptive","content":{"type":"AdaptiveCard"},"x-att":1}],
             "suggestedActions":{"actions":[{"type":"imBack","title":"Hi","value":"hi","x-act":"?"}],"x-sa":{}},
             "entities":[{"type":"mention","mentioned":{"id":"28:b"},"text":"<at>b</at>"}]}
            """;

        var activity = ProtocolJson.Deserialize<Activity>(Original)!;
        var json = ProtocolJson.Serialize(activity);

        Assert.Equal("ada@contoso.example", activity.From!.Properties!["userPrincipalName"].GetString());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Original), JsonNode.Parse(json)), json);
    }

    [Fact]
    public void Deserialize_NullValue_IsNullAndOmittedOnWrite()
    {
        var activity = ProtocolJson.Deserialize<Activity>("""{"type":"message","text":null,"value":null,"channelData":null}""")!;

        Assert.Null(activity.Text);
        Assert.Null(activity.Value);
        Assert.Null(activity.ChannelData);
        Assert.False(activity.IsCardSubmit());
        Assert.Equal("""{"type":"message"}""", ProtocolJson.Serialize(activity));
    }

    [Fact]
    public void Serialize_NonAsciiText_StaysReadable()
    {
        var json = ProtocolJson.Serialize(new Activity { Type = ActivityTypes.Message, Text = "Fehler – lässt mich nicht rein" });

        Assert.Contains("Fehler – lässt mich nicht rein", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"type":"message","text":"hi" """)] // truncated
    [InlineData("""{"type":"message",}""")] // trailing comma
    [InlineData("""{"type":"message" /* note */}""")] // comment
    [InlineData("""{"text":"no type"}""")] // type is required
    [InlineData("""{"type":7}""")] // type is a string
    [InlineData("""{"type":"message","timestamp":"yesterday"}""")]
    [InlineData("""{"type":"message","timestamp":1772439342}""")]
    [InlineData("""{"type":"message","from":"29:user"}""")]
    [InlineData("""{"type":"message","attachments":{"contentType":"x"}}""")]
    [InlineData("""{"type":"message","text":"a"}{"type":"message"}""")] // two documents
    [InlineData("")]
    [InlineData("not json")]
    public void Deserialize_MalformedJson_ThrowsJsonException(string json)
    {
        // The HTTP host maps JsonException to 400 Bad Request.
        Assert.ThrowsAny<JsonException>(() => ProtocolJson.Deserialize<Activity>(json));
    }

    [Fact]
    public void Deserialize_LiteralNull_GivesNull()
    {
        // Not an exception: the host must check for null itself and answer 400.
        Assert.Null(ProtocolJson.Deserialize<Activity>("null"));
    }

    [Fact]
    public void Options_AreReadOnly()
    {
        Assert.True(ProtocolJson.Options.IsReadOnly);
    }
}
