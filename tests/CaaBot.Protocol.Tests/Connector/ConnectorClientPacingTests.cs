using System.Net;
using CaaBot.Protocol.Connector;
using CaaBot.Protocol.Schema;
using CaaBot.Protocol.Tests.Infrastructure;

namespace CaaBot.Protocol.Tests.Connector;

/// <summary>Sends to one conversation stay within Teams' per-thread limits; other conversations are not held up.</summary>
public sealed class ConnectorClientPacingTests
{
    private static readonly Uri ServiceUrl = new("https://smba.trafficmanager.net/emea/");

    [Fact]
    public async Task Burst_OfTenToOneConversation_SevenAtOnceThenPacedByTheOneAndTwoSecondWindows()
    {
        var sentAt = new List<TimeSpan>();
        ConnectorHarness? harness = null;
        using var created = harness = new ConnectorHarness(
            new RecordingHandler((_, _) =>
            {
                sentAt.Add(harness!.Elapsed);
                return RecordingHandler.Json(HttpStatusCode.OK, """{"id":"1"}""");
            }),
            pacer: time => new ConversationSendPacer(time));

        for (var i = 0; i < 10; i++)
        {
            await harness.Client.SendToConversationAsync(ServiceUrl, "a:1", Message());
        }

        var second = TimeSpan.FromSeconds(1);
        Assert.Equal([.. Enumerable.Repeat(TimeSpan.Zero, 7), second, 2 * second, 2 * second], sentAt);
    }

    [Fact]
    public async Task Burst_InOneConversation_DoesNotDelayAnother()
    {
        var sentAt = new List<(string Conversation, TimeSpan At)>();
        ConnectorHarness? harness = null;
        using var created = harness = new ConnectorHarness(
            new RecordingHandler((request, _) =>
            {
                sentAt.Add((request.Uri.AbsolutePath.Split('/')[4], harness!.Elapsed));
                return RecordingHandler.Json(HttpStatusCode.OK, """{"id":"1"}""");
            }),
            pacer: time => new ConversationSendPacer(time));

        for (var i = 0; i < 8; i++)
        {
            await harness.Client.SendToConversationAsync(ServiceUrl, "busy", Message());
        }

        await harness.Client.ReplyToActivityAsync(ServiceUrl, "quiet", "1", Message());

        // Only the busy conversation's 8th send waited (1 s); the quiet one went out right after it, without a wait of its own.
        Assert.Equal(TimeSpan.FromSeconds(1), sentAt.Single(s => s.Conversation == "busy" && s.At > TimeSpan.Zero).At);
        Assert.Equal(sentAt[^2].At, sentAt.Single(s => s.Conversation == "quiet").At);
        Assert.Equal([TimeSpan.FromSeconds(1)], harness.Time.AutoAdvancedWaits);
    }

    [Fact]
    public async Task Pacer_ConcurrentSendsToOneConversation_NeverMoreThanTheWindowAllows()
    {
        var clock = new ManualTimeProvider();
        var pacer = new ConversationSendPacer(clock, [(3, TimeSpan.FromSeconds(1))]);

        var turns = Enumerable.Range(0, 7).Select(_ => pacer.WaitTurnAsync("a:1", CancellationToken.None)).ToList();
        var immediately = turns.Count(turn => turn.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));
        var afterOneSecond = turns.Count(turn => turn.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));
        await Task.WhenAll(turns);

        Assert.Equal((3, 6), (immediately, afterOneSecond));
    }

    [Fact]
    public async Task Pacer_QuietConversations_AreForgottenAfterTheLongestWindow()
    {
        var clock = new ManualTimeProvider();
        var pacer = new ConversationSendPacer(clock, [(2, TimeSpan.FromSeconds(10))]);
        for (var i = 0; i < 999; i++)
        {
            await pacer.WaitTurnAsync($"conversation-{i}", CancellationToken.None);
        }

        clock.Advance(TimeSpan.FromSeconds(11));
        await pacer.WaitTurnAsync("one-more", CancellationToken.None);

        Assert.Equal(1, pacer.TrackedConversations);
    }

    private static Activity Message() => new() { Type = ActivityTypes.Message, Text = "hello" };
}
