using System.Text;
using System.Text.Json;
using CaaBot.Protocol.Schema;

namespace CaaBot.Protocol.Tests.Schema;

public sealed class TranscriptEntryJsonTests
{
    [Fact]
    public void Write_Turn_ReadsBackEveryActivityWithUnknownMembersKept()
    {
        var incoming = ProtocolJson.Deserialize<Activity>("""{"type":"message","id":"a1","text":"hi","channelData":{"tenant":{"id":"t"}},"futureMember":[1,2]}""")!;
        var reply = new Activity { Type = ActivityTypes.Message, Text = "hello \"you\"", ReplyToId = "a1" };

        var entry = TranscriptEntryJson.Write([incoming, reply]);

        var read = TranscriptEntryJson.Read(entry);
        Assert.Equal(["hi", "hello \"you\""], read.Select(activity => activity.Text));
        Assert.Equal("a1", read[1].ReplyToId);
        Assert.Contains("\"futureMember\":[1,2]", Encoding.UTF8.GetString(TranscriptEntryJson.Split(entry)[0].Span), StringComparison.Ordinal);
    }

    [Fact]
    public void Split_SingleActivityEntryWrittenBeforeBatching_IsOneActivity()
    {
        var legacy = Encoding.UTF8.GetBytes("""{"type":"message","text":"old"}""");

        var split = TranscriptEntryJson.Split(legacy);

        Assert.Equal("""{"type":"message","text":"old"}""", Encoding.UTF8.GetString(Assert.Single(split).Span));
    }

    [Theory]
    [InlineData("")]
    [InlineData("42")]
    [InlineData("[1]")]
    [InlineData("""[{"type":"message"}""")]
    public void Split_NotAnEntry_Throws(string payload) =>
        Assert.ThrowsAny<JsonException>(() => TranscriptEntryJson.Split(Encoding.UTF8.GetBytes(payload)));
}
