using System.Net.WebSockets;
using System.Text.Json;
using CaaBot.DirectLine.Api;
using CaaBot.DirectLine.Tests.Support;
using CaaBot.Protocol;
using CaaBot.Protocol.Schema;

namespace CaaBot.DirectLine.Tests.Api;

/// <summary>Many WebSocket conversations at once: every socket hears its own conversation, all of it, once, and nothing else.</summary>
public sealed class ConcurrentStreamTests
{
    private const int Conversations = 50;
    private const int MessagesEach = 3;

    [Fact]
    public async Task Stream_FiftyConversationsPostingAtOnce_EachSocketGetsExactlyItsOwnEchoesAndReplies()
    {
        await using var host = await DirectLineTestHost.StartAsync();
        using var hangGuard = new CancellationTokenSource(TimeSpan.FromMinutes(2)); // ends a broken run; not a timing assertion
        var sessions = await Task.WhenAll(Enumerable.Range(0, Conversations).Select(_ => host.StartConversationAsync()));
        var sockets = await Task.WhenAll(sessions.Select(session => host.Server.CreateWebSocketClient().ConnectAsync(new Uri(session.StreamUrl), hangGuard.Token)));
        try
        {
            var received = await Task.WhenAll(sessions.Select((session, index) => TalkAsync(host, session, sockets[index], index, hangGuard.Token)));

            for (var index = 0; index < Conversations; index++)
            {
                var (posted, heard) = received[index];
                Assert.All(heard, activity => Assert.Equal(sessions[index].ConversationId, activity.Conversation?.Id));
                var expected = Enumerable.Range(0, MessagesEach).SelectMany(message => new[] { $"c{index}-m{message}", $"echo: c{index}-m{message}" });
                Assert.Equal(expected, heard.Select(activity => activity.Text));
                Assert.Equal(posted, heard.Where(activity => activity.From?.Role == "user").Select(activity => activity.Id));
                Assert.Equal(posted, heard.Where(activity => activity.From?.Role == "bot").Select(activity => activity.ReplyToId));
            }
        }
        finally
        {
            foreach (var socket in sockets)
            {
                socket.Abort();
                socket.Dispose();
            }
        }
    }

    /// <summary>Posts this conversation's messages one after another while the others do the same, and collects what its socket hears until the last reply.</summary>
    private static async Task<(List<string> Posted, List<Activity> Heard)> TalkAsync(
        DirectLineTestHost host, DirectLineTestHost.Session session, WebSocket socket, int index, CancellationToken cancellationToken)
    {
        var heard = new List<Activity>();
        var listening = Task.Run(
            async () =>
            {
                while (heard.Count < 2 * MessagesEach)
                {
                    heard.AddRange((await ReceiveSetAsync(socket, cancellationToken)).Activities);
                }
            },
            cancellationToken);

        var posted = new List<string>();
        for (var message = 0; message < MessagesEach; message++)
        {
            var response = await host.PostActivityAsync(session, ActivityEndpointTests.WebChatMessage($"c{index}-m{message}", $"c{index}-client-{message}"));
            posted.Add(response.Id!);
        }

        await listening.WaitAsync(cancellationToken);
        return (posted, heard);
    }

    private static async Task<ActivitySet> ReceiveSetAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var frame = await socket.ReceiveAsync(buffer, cancellationToken);
            message.Write(buffer, 0, frame.Count);
            if (frame.EndOfMessage)
            {
                if (message.Length == 0)
                {
                    continue; // keep-alive
                }

                return JsonSerializer.Deserialize<ActivitySet>(message.ToArray(), ProtocolJson.Options)!;
            }
        }
    }
}
