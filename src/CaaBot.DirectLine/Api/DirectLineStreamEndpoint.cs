using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using CaaBot.DirectLine.Configuration;
using CaaBot.DirectLine.Conversations;
using CaaBot.DirectLine.Tokens;
using CaaBot.Protocol;
using CaaBot.Protocol.Schema;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CaaBot.DirectLine.Api;

/// <summary>
/// <c>GET /conversations/{id}/stream?t=…&amp;watermark=</c>: the WebSocket. It replays the history after the
/// watermark (all of it when none is given), then sends every new activity as an <see cref="ActivitySet"/> frame as
/// soon as the stream store's subscribe hook reports an append (from this instance or another), and an empty frame
/// when idle for <see cref="DirectLineOptions.KeepAliveInterval"/>. Typing passes through live but is not replayed.
/// Client frames are read and ignored.
/// </summary>
public sealed class DirectLineStreamEndpoint(
    DirectLineTokenService tokens,
    DirectLineConversations conversations,
    IOptions<DirectLineOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider timeProvider,
    ILogger<DirectLineStreamEndpoint> logger)
{
    private static readonly byte[] KeepAlive = [];

    public async Task<IResult> ConnectAsync(HttpContext context, string conversationId, string? t, string? watermark)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (claims, problem) = DirectLineHttp.Authorize(context, t, DirectLineTokenKind.Stream, conversationId, tokens, logger);
        if (claims is null)
        {
            return problem!;
        }

        var (record, missing) = await DirectLineHttp.FindConversationAsync(conversations, claims, context.RequestAborted);
        if (record is null)
        {
            return missing!;
        }

        if (!context.WebSockets.IsWebSocketRequest)
        {
            return DirectLineHttp.Error(StatusCodes.Status400BadRequest, "BadArgument", "This address only accepts WebSocket connections.");
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        try
        {
            await RunAsync(socket, conversationId, DirectLineHttp.ParseWatermark(watermark), stop);
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
        {
            // The client went away or the host is stopping.
        }

        DirectLineLog.StreamClosed(logger, conversationId);
        return TypedResults.Empty;
    }

    private async Task RunAsync(WebSocket socket, string conversationId, long after, CancellationTokenSource stop)
    {
        var appended = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        using var subscription = conversations.Subscribe(conversationId, _ => appended.Writer.TryWrite(true));
        var liveFrom = await conversations.GetWatermarkAsync(conversationId, stop.Token);
        var reading = DrainClientFramesAsync(socket, stop);

        var sent = await SendAfterAsync(socket, conversationId, after, liveFrom, stop.Token);
        while (!stop.IsCancellationRequested && socket.State == WebSocketState.Open)
        {
            using var idle = new CancellationTokenSource(options.Value.KeepAliveInterval, timeProvider);
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(idle.Token, stop.Token);
            try
            {
                await appended.Reader.ReadAsync(wait.Token);
            }
            catch (OperationCanceledException) when (idle.IsCancellationRequested && !stop.IsCancellationRequested)
            {
                await socket.SendAsync(KeepAlive, WebSocketMessageType.Text, endOfMessage: true, stop.Token);
                continue;
            }

            sent = await SendAfterAsync(socket, conversationId, sent, liveFrom, stop.Token);
        }

        await stop.CancelAsync();
        await reading;
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            using var closing = new CancellationTokenSource(TimeSpan.FromSeconds(2), timeProvider);
            try
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, closing.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
            {
            }
        }
    }

    /// <summary>Sends everything after <paramref name="after"/> in sets; typing older than <paramref name="liveFrom"/> is stale and skipped.</summary>
    private async Task<long> SendAfterAsync(WebSocket socket, string conversationId, long after, long liveFrom, CancellationToken cancellationToken)
    {
        while (true)
        {
            var entries = await conversations.ReadAsync(conversationId, after, DirectLineActivityEndpoints.MaxActivitiesPerSet, cancellationToken);
            if (entries.Count == 0)
            {
                return after;
            }

            after = entries[^1].Sequence;
            var set = new ActivitySet
            {
                Activities = [.. entries.Where(entry => entry.Activity.Type != ActivityTypes.Typing || entry.Sequence > liveFrom).Select(entry => entry.Activity)],
                Watermark = DirectLineHttp.FormatWatermark(after),
            };
            if (set.Activities.Count > 0)
            {
                await socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(set, ProtocolJson.Options), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
            }
        }
    }

    private static async Task DrainClientFramesAsync(WebSocket socket, CancellationTokenSource stop)
    {
        var buffer = new byte[1024];
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var frame = await socket.ReceiveAsync(buffer, stop.Token);
                if (frame.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
        {
        }

        await stop.CancelAsync();
    }
}
