using System.Buffers;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CaaBot.LoadDriver.Client;

/// <summary>
/// One Web Chat-like client: token, conversation, WebSocket, then turns. The socket is read by one loop for the whole
/// life of the conversation; a turn is in flight at most one at a time. The echo of a posted activity (found by its
/// <c>clientActivityID</c>) gives its server id, and the turn ends when a bot reply with that <c>replyToId</c>
/// satisfies the turn's check. Activities of another conversation are counted (<see cref="Foreign"/>): there must be none.
/// </summary>
internal sealed class LoadConversation(HttpClient http, Uri baseUri) : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly TaskCompletionSource<JsonElement> _welcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private PendingTurn? _pending;
    private Task? _receiving;
    private string _conversationId = string.Empty;
    private string _token = string.Empty;
    private int _sent;

    /// <summary>Activities whose conversation id was not this conversation's: must stay 0.</summary>
    public int Foreign { get; private set; }

    /// <summary>Token, conversation, socket, and the welcome; returns the milliseconds until the welcome arrived.</summary>
    public async Task<double> ConnectAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using (var generated = await http.PostAsync(new Uri(baseUri, "v3/directline/tokens/generate"), null, cancellationToken))
        {
            generated.EnsureSuccessStatusCode();
            using var body = JsonDocument.Parse(await generated.Content.ReadAsStreamAsync(cancellationToken));
            _token = body.RootElement.GetProperty("token").GetString()!;
        }

        string streamUrl;
        using (var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUri, "v3/directline/conversations")))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
            using var response = await http.SendAsync(request, cancellationToken);
            response.EnsureSuccessStatusCode();
            using var body = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancellationToken));
            _conversationId = body.RootElement.GetProperty("conversationId").GetString()!;
            _token = body.RootElement.GetProperty("token").GetString()!;
            streamUrl = body.RootElement.GetProperty("streamUrl").GetString()!;
        }

        await _socket.ConnectAsync(new Uri(streamUrl), cancellationToken);
        _receiving = ReceiveAsync();
        await _welcome.Task.WaitAsync(cancellationToken);
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    /// <summary>Posts the turn's activity and waits for the reply that completes it; returns it and the round trip in ms.</summary>
    public async Task<(JsonElement Reply, double RoundTripMs)> SendAsync(JourneyTurn turn, JsonElement? previousReply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var activity = turn.Build(previousReply);
        var clientActivityId = $"load-{++_sent}";
        activity["from"] = new JsonObject { ["id"] = "x" };
        activity["channelData"] ??= new JsonObject();
        activity["channelData"]!["clientActivityID"] = clientActivityId;
        var pending = new PendingTurn(clientActivityId, turn.Completes);
        lock (_gate)
        {
            _pending = pending;
        }

        var started = Stopwatch.GetTimestamp();
        using (var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUri, $"v3/directline/conversations/{_conversationId}/activities")))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
            request.Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json");
            using var response = await http.SendAsync(request, cancellationToken);
            response.EnsureSuccessStatusCode();
        }

        var reply = await pending.Completed.Task.WaitAsync(cancellationToken);
        return (reply, Stopwatch.GetElapsedTime(started, pending.Finished).TotalMilliseconds);
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            using var closing = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, closing.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
            {
            }
        }

        _socket.Abort();
        if (_receiving is not null)
        {
            await _receiving;
        }

        _socket.Dispose();
    }

    private async Task ReceiveAsync()
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        var message = new ArrayBufferWriter<byte>(16 * 1024);
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var frame = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                if (frame.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                message.Write(buffer.AsSpan(0, frame.Count));
                if (!frame.EndOfMessage)
                {
                    continue;
                }

                if (message.WrittenCount > 0)
                {
                    var arrived = Stopwatch.GetTimestamp();
                    using var set = JsonDocument.Parse(message.WrittenMemory);
                    foreach (var activity in set.RootElement.GetProperty("activities").EnumerateArray())
                    {
                        Dispatch(activity, arrived);
                    }
                }

                message.ResetWrittenCount();
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            var failure = new WebSocketException("The WebSocket closed.");
            _welcome.TrySetException(failure);
            lock (_gate)
            {
                _pending?.Completed.TrySetException(failure);
            }
        }
    }

    private void Dispatch(JsonElement activity, long arrived)
    {
        if (activity.TryGetProperty("conversation", out var conversation) && conversation.TryGetProperty("id", out var id)
            && !string.Equals(id.GetString(), _conversationId, StringComparison.Ordinal))
        {
            Foreign++;
            return;
        }

        var fromBot = activity.TryGetProperty("from", out var from) && from.TryGetProperty("role", out var role) && role.GetString() == "bot";
        if (!_welcome.Task.IsCompleted)
        {
            if (fromBot)
            {
                _welcome.TrySetResult(activity.Clone());
            }

            return;
        }

        PendingTurn? pending;
        lock (_gate)
        {
            pending = _pending;
        }

        if (pending is null || pending.Completed.Task.IsCompleted)
        {
            return; // e.g. the card a click replaced, re-sent after the reply that ended the turn
        }

        if (!fromBot)
        {
            if (activity.TryGetProperty("channelData", out var channelData) && channelData.ValueKind == JsonValueKind.Object
                && channelData.TryGetProperty("clientActivityID", out var clientId) && clientId.GetString() == pending.ClientActivityId)
            {
                pending.EchoId = activity.GetProperty("id").GetString();
            }

            return;
        }

        if (pending.EchoId is not null && activity.TryGetProperty("replyToId", out var replyTo) && replyTo.GetString() == pending.EchoId
            && pending.Completes(activity))
        {
            pending.Finished = arrived;
            pending.Completed.TrySetResult(activity.Clone());
        }
    }

    private sealed class PendingTurn(string clientActivityId, Func<JsonElement, bool> completes)
    {
        public string ClientActivityId => clientActivityId;

        public Func<JsonElement, bool> Completes => completes;

        public TaskCompletionSource<JsonElement> Completed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string? EchoId { get; set; }

        public long Finished { get; set; }
    }
}
