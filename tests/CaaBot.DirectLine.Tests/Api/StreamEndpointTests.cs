using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using CaaBot.DirectLine.Api;
using CaaBot.DirectLine.Tests.Support;
using CaaBot.Protocol;

namespace CaaBot.DirectLine.Tests.Api;

public sealed class StreamEndpointTests
{
    [Fact]
    public async Task Stream_ReplaysHistoryThenPushesNewActivitiesAsSets()
    {
        await using var host = await DirectLineTestHost.StartAsync();
        var session = await host.StartConversationAsync();
        var first = await host.PostActivityAsync(session, ActivityEndpointTests.WebChatMessage("before the socket", "c1"));

        var streamUri = new Uri(session.StreamUrl);
        using var socket = await host.Server.CreateWebSocketClient().ConnectAsync(streamUri, CancellationToken.None);
        var replay = await ReceiveSetAsync(socket);
        var second = await host.PostActivityAsync(session, ActivityEndpointTests.WebChatMessage("while connected", "c2"));
        var pushed = new List<ActivitySet>();
        while (!pushed.SelectMany(set => set.Activities).Any(activity => activity.ReplyToId == second.Id))
        {
            pushed.Add(await ReceiveSetAsync(socket));
        }

        Assert.Equal(2, replay.Activities.Count);
        Assert.Equal(first.Id, replay.Activities[0].Id);
        Assert.Equal(first.Id, replay.Activities[1].ReplyToId);
        Assert.Equal("2", replay.Watermark);
        var live = pushed.SelectMany(set => set.Activities).ToList();
        Assert.Equal(second.Id, live[0].Id);
        Assert.Equal("c2", live[0].ChannelData?.GetProperty("clientActivityID").GetString());
        Assert.Equal("4", pushed[^1].Watermark);
    }

    [Fact]
    public async Task Stream_TokenOfAnotherConversation_IsRefusedBeforeTheUpgrade()
    {
        await using var host = await DirectLineTestHost.StartAsync();
        var a = await host.StartConversationAsync();
        var b = await host.StartConversationAsync();
        var hijacked = new Uri(b.StreamUrl.Replace(b.ConversationId, a.ConversationId, StringComparison.Ordinal));

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => host.Server.CreateWebSocketClient().ConnectAsync(hijacked, CancellationToken.None));
        Assert.Contains("403", refused.Message, StringComparison.Ordinal);
    }

    private static async Task<ActivitySet> ReceiveSetAsync(WebSocket socket)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var frame = await socket.ReceiveAsync(buffer, CancellationToken.None);
            message.Write(buffer, 0, frame.Count);
            if (frame.EndOfMessage)
            {
                if (message.Length == 0)
                {
                    continue; // keep-alive
                }

                return JsonSerializer.Deserialize<ActivitySet>(Encoding.UTF8.GetString(message.ToArray()), ProtocolJson.Options)!;
            }
        }
    }
}
