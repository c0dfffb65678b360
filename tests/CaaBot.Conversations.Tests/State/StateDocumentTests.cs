using System.Text;
using System.Text.Json;
using CaaBot.Conversations.State;

namespace CaaBot.Conversations.Tests.State;

public sealed class StateDocumentTests
{
    [Fact]
    public void Parse_WhatWasWritten_ReturnsTheSamePropertiesAndIds()
    {
        var properties = new Dictionary<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal)
        {
            ["count"] = "3"u8.ToArray(),
            ["profile"] = """{"name":"Ada \"the\" admin","tags":["a",{"b":null}]}"""u8.ToArray(),
        };

        var bytes = StateDocument.ToUtf8Bytes(properties, ["a1", "a2"]);
        var parsed = StateDocument.Parse(bytes);

        Assert.Equal(properties.Keys, parsed.Properties.Keys);
        Assert.Equal("3", Encoding.UTF8.GetString(parsed.Properties["count"].Span));
        Assert.Equal("""{"name":"Ada \"the\" admin","tags":["a",{"b":null}]}""", Encoding.UTF8.GetString(parsed.Properties["profile"].Span));
        Assert.Equal(["a1", "a2"], parsed.ProcessedActivityIds);
        Assert.Equal(1, JsonDocument.Parse(bytes).RootElement.GetProperty("schema").GetInt32());
    }

    [Fact]
    public void Parse_UnknownMembersAndWhitespace_AreSkipped()
    {
        var parsed = StateDocument.Parse("""
            { "schema": 1, "later": { "x": [1, 2] },
              "properties": { "name" : "Ada" } }
            """u8.ToArray());

        Assert.Equal("\"Ada\"", Encoding.UTF8.GetString(parsed.Properties["name"].Span));
        Assert.Null(parsed.ProcessedActivityIds);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("""{"properties":[1]}""")]
    [InlineData("""{"properties":{"a":1,}}""")]
    [InlineData("""{"properties":{"a":1}} trailing""")]
    [InlineData("""{"processedActivityIds":[1]}""")]
    [InlineData("""{"properties":{"a":""")]
    public void Parse_NotAStateDocument_ThrowsJsonException(string json) =>
        Assert.ThrowsAny<JsonException>(() => StateDocument.Parse(Encoding.UTF8.GetBytes(json)));
}
