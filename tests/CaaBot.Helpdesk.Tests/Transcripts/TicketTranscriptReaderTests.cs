using System.Text;
using System.Text.Json;
using CaaBot.Helpdesk.Transcripts;
using CaaBot.Storage.InMemory;

namespace CaaBot.Helpdesk.Tests.Transcripts;

public sealed class TicketTranscriptReaderTests
{
    [Fact]
    public async Task ReadAsync_Stream_TextPerMessageAndTheActivitiesAsJsonUpToTheGivenEntry()
    {
        var streams = new InMemoryStreamStore(TimeProvider.System);
        string[] activities =
        [
            """{"type":"message","text":"my Teams says 0xCAA20003","from":{"id":"u","name":"Ada","role":"user"},"timestamp":"2026-03-02T08:30:00Z"}""",
            """{"type":"message","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive","content":{}}],"from":{"id":"bot","role":"bot"}}""",
            """{"type":"message","value":{"action":"next"},"from":{"id":"u","role":"user"}}""",
            """{"type":"messageUpdate","id":"5","from":{"id":"bot","role":"bot"}}""",
            """{"type":"message","attachments":[{"contentType":"image/png","contentUrl":"https://x/e.png","name":"error.png"}],"from":{"id":"u","role":"user"}}""",
            """{"type":"message","text":"after filing","from":{"id":"u","role":"user"}}""",
        ];
        foreach (var activity in activities)
        {
            await streams.AppendAsync("transcript/t/c", Encoding.UTF8.GetBytes(activity), CancellationToken.None);
        }

        var transcript = await new TicketTranscriptReader(streams).ReadAsync("transcript/t/c", upTo: 5, CancellationToken.None);

        Assert.Equal(
            "2026-03-02 08:30:00Z User (Ada): my Teams says 0xCAA20003\nBot: [card]\nUser: [clicked a card button]\nBot: [replaced a card with a record of the answer]\nUser: [file: error.png]\n",
            transcript.Text);
        using var json = JsonDocument.Parse(transcript.TranscriptJson);
        Assert.Equal(5, json.RootElement.GetArrayLength());
        Assert.Equal("my Teams says 0xCAA20003", json.RootElement[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task ReadAsync_TurnEntriesAndOlderSingleActivityEntries_EveryActivityInOrder()
    {
        var streams = new InMemoryStreamStore(TimeProvider.System);
        await streams.AppendAsync("transcript/t/c", Encoding.UTF8.GetBytes("""{"type":"message","text":"written before batching","from":{"id":"u","role":"user"}}"""), CancellationToken.None);
        await streams.AppendAsync(
            "transcript/t/c",
            Encoding.UTF8.GetBytes("""[{"type":"message","text":"hi","from":{"id":"u","role":"user"}},{"type":"message","text":"hello","from":{"id":"bot","role":"bot"}}]"""),
            CancellationToken.None);
        await streams.AppendAsync("transcript/t/c", Encoding.UTF8.GetBytes("not json"), CancellationToken.None);
        await streams.AppendAsync("transcript/t/c", Encoding.UTF8.GetBytes("""[{"type":"message","text":"after filing","from":{"id":"u","role":"user"}}]"""), CancellationToken.None);

        var transcript = await new TicketTranscriptReader(streams).ReadAsync("transcript/t/c", upTo: 3, CancellationToken.None);

        Assert.Equal("User: written before batching\nUser: hi\nBot: hello\n", transcript.Text);
        using var json = JsonDocument.Parse(transcript.TranscriptJson);
        Assert.Equal(["written before batching", "hi", "hello"], json.RootElement.EnumerateArray().Select(activity => activity.GetProperty("text").GetString()));
    }

    [Fact]
    public async Task ReadAsync_NoStream_EmptyTranscript()
    {
        var transcript = await new TicketTranscriptReader(new InMemoryStreamStore(TimeProvider.System)).ReadAsync(null, 0, CancellationToken.None);

        Assert.Equal(string.Empty, transcript.Text);
        Assert.Equal("[]", Encoding.UTF8.GetString(transcript.TranscriptJson.Span));
    }
}
