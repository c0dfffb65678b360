using CaaBot.Conversations.Testing.Transcripts;
using CaaBot.Protocol.Schema;

namespace CaaBot.Conversations.Testing.Tests.Transcripts;

public sealed class TranscriptReplayTests
{
    private static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Transcripts", name);

    [Fact]
    public async Task ReadAsync_PlainArrayAndWrappedForms_BothLoad()
    {
        var plain = await TranscriptFile.ReadAsync(PathOf("Echo.transcript"), CancellationToken.None);
        var wrapped = await TranscriptFile.ReadAsync(PathOf("EchoWrapped.transcript"), CancellationToken.None);

        Assert.Equal(5, plain.Count);
        Assert.Equal(RoleTypes.Bot, plain[1].From?.Role);
        Assert.Equal(new DateTimeOffset(2018, 7, 18, 0, 52, 42, TimeSpan.Zero), plain[0].Timestamp);
        Assert.Equal(2, wrapped.Count);
        Assert.Equal("hi", wrapped[0].Text);
    }

    [Fact]
    public void Parse_NeitherArrayNorWrapped_ExplainsTheExpectedForms()
    {
        var failure = Assert.Throws<FormatException>(() => TranscriptFile.Parse("{\"activities\": []}"));
        Assert.Contains("\"transcript\"", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Echo.transcript")]
    [InlineData("EchoWrapped.transcript")]
    public async Task ReplayFileAsync_CorrectBot_Passes(string file)
    {
        await TranscriptReplay.ReplayFileAsync(PathOf(file), new TestAdapter(), new EchoBot(), CancellationToken.None);
    }

    [Fact]
    public async Task RecordedGoldenTranscript_MatchesTheBot()
    {
        // Opt-in re-recording after an intended change: CAABOT_RECORD_TRANSCRIPTS=1 dotnet test …
        var golden = Path.Combine(SourceDirectory(), "Transcripts", "EchoRecorded.transcript");
        if (Environment.GetEnvironmentVariable("CAABOT_RECORD_TRANSCRIPTS") == "1")
        {
            await TranscriptReplay.RecordFileAsync(golden, new TestAdapter(), new EchoBot(), CancellationToken.None);
        }

        await TranscriptReplay.ReplayFileAsync(golden, new TestAdapter(), new EchoBot(), CancellationToken.None);
    }

    [Fact]
    public async Task RecordFileAsync_RewritesTheFileFromTheBotsCurrentAnswers()
    {
        var path = Path.Combine(Path.GetTempPath(), $"caabot-{Guid.NewGuid():N}.transcript");
        File.Copy(PathOf("EchoWrapped.transcript"), path);
        try
        {
            await TranscriptReplay.RecordFileAsync(path, new TestAdapter(), new EchoBot(prefix: "Now: "), CancellationToken.None);

            var rewritten = await TranscriptFile.ReadAsync(path, CancellationToken.None);
            Assert.Equal("Now: hi (#1)", rewritten[1].Text);
            await TranscriptReplay.ReplayFileAsync(path, new TestAdapter(), new EchoBot(prefix: "Now: "), CancellationToken.None);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string file = "") =>
        Path.GetDirectoryName(Path.GetDirectoryName(file))!;

    [Fact]
    public async Task ReplayFileAsync_BotSaysSomethingElse_FailsWithAReadableDiff()
    {
        var failure = await Assert.ThrowsAsync<TestFlowAssertionException>(
            () => TranscriptReplay.ReplayFileAsync(PathOf("Echo.transcript"), new TestAdapter(), new EchoBot(prefix: "Echo: "), CancellationToken.None));

        Assert.StartsWith("Echo.transcript, activity #2 (after the user said \"hello\"): the bot's activity differs from the transcript:", failure.Message, StringComparison.Ordinal);
        Assert.Contains("  text: expected \"You said: hello (#1)\" but was \"Echo: hello (#1)\"", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Expected:\n", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Actual:\n", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplayAsync_BotSendsLessOrMore_FailsSayingWhat()
    {
        var transcript = await TranscriptFile.ReadAsync(PathOf("Echo.transcript"), CancellationToken.None);

        var missing = await Assert.ThrowsAsync<TestFlowAssertionException>(
            () => TranscriptReplay.ReplayAsync([.. transcript, transcript[4] with { Text = "and one more" }], new TestAdapter(), new EchoBot(), CancellationToken.None));
        var extra = await Assert.ThrowsAsync<TestFlowAssertionException>(
            () => TranscriptReplay.ReplayAsync([.. transcript.Take(4)], new TestAdapter(), new EchoBot(), CancellationToken.None));

        Assert.Contains("activity #6", missing.Message, StringComparison.Ordinal);
        Assert.Contains("but it sent nothing more", missing.Message, StringComparison.Ordinal);
        Assert.Contains("the transcript has ended but the bot also sent", extra.Message, StringComparison.Ordinal);
        Assert.Contains("\"text\": \"done\"", extra.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplayAsync_MissingSuggestedAction_ReportsThePath()
    {
        var transcript = await TranscriptFile.ReadAsync(PathOf("EchoWrapped.transcript"), CancellationToken.None);
        var withTwoButtons = transcript[1] with
        {
            SuggestedActions = new SuggestedActions { Actions = [CardAction.ImBack("again"), CardAction.ImBack("stop")] },
        };

        var failure = await Assert.ThrowsAsync<TestFlowAssertionException>(
            () => TranscriptReplay.ReplayAsync([transcript[0], withTwoButtons], new TestAdapter(), new EchoBot(), CancellationToken.None));

        Assert.Contains("suggestedActions.actions[1]: expected {\"type\":\"imBack\",\"title\":\"stop\",\"value\":\"stop\"} but it is missing", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_RecordedConversation_ReplaysCleanly()
    {
        var recording = new TestAdapter();
        await new TestFlow(recording, new EchoBot())
            .Send("one").AssertReplyContains("one")
            .Send("card").AssertCard()
            .SubmitLatestCard().AssertReplyContains("submitted")
            .StartTestAsync();
        var path = Path.Combine(Path.GetTempPath(), $"caabot-{Guid.NewGuid():N}.transcript");
        try
        {
            await TranscriptFile.WriteAsync(path, recording.Transcript, CancellationToken.None);

            await TranscriptReplay.ReplayFileAsync(path, new TestAdapter(), new EchoBot(), CancellationToken.None);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
