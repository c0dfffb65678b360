using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace CaaBot.EndToEnd.Tests.Playground;

/// <summary>
/// Drives a running Microsoft 365 Agents Playground without a browser, the way its own web UI does: reads its
/// config, "installs" the bot in the personal chat, posts the user's messages, and listens on the conversation
/// WebSocket for what the Playground shows, i.e. the replies the bot posted to the Playground's connector.
/// These internal endpoints are undocumented; see README.md for the shapes verified with version 0.2.28.
/// </summary>
public sealed class PlaygroundClient : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly ClientWebSocket _socket;
    private readonly Channel<PlaygroundStreamEvent> _events = Channel.CreateUnbounded<PlaygroundStreamEvent>();
    private readonly Lock _receivedGate = new();
    private readonly List<PlaygroundStreamEvent> _received = [];
    private readonly CancellationTokenSource _stopReceiving = new();
    private Task _receiving = Task.CompletedTask;

    private PlaygroundClient(HttpClient http, ClientWebSocket socket, PlaygroundSession session)
    {
        (_http, _socket, Session) = (http, socket, session);
    }

    public PlaygroundSession Session { get; }

    /// <summary>Every stream event received so far, in order.</summary>
    public IReadOnlyList<PlaygroundStreamEvent> Received
    {
        get
        {
            lock (_receivedGate)
            {
                return [.. _received];
            }
        }
    }

    public static async Task<PlaygroundClient> ConnectAsync(Uri baseAddress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        // The config call waits (up to 15 s) until the bot's endpoint answers, like the UI's "Connecting…".
        var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var socket = new ClientWebSocket();
        try
        {
            var session = await ReadSessionAsync(http, cancellationToken);
            var streamUri = new UriBuilder(baseAddress) { Scheme = "ws", Path = "/_ws_conversation/v1/conversations/stream" }.Uri;
            await socket.ConnectAsync(streamUri, cancellationToken);
            var client = new PlaygroundClient(http, socket, session);
            client._receiving = client.ReceiveLoopAsync(client._stopReceiving.Token);
            return client;
        }
        catch
        {
            socket.Dispose();
            http.Dispose();
            throw;
        }
    }

    /// <summary>What the UI does when the chat opens: an <c>installationUpdate</c> (add) and a <c>conversationUpdate</c> (members added) reach the bot.</summary>
    public async Task InstallBotAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync(
            $"/_debug/conversation/{Uri.EscapeDataString(Session.PersonalConversationId)}/installation", new { }, cancellationToken);
        await EnsureSuccessAsync(response, "install the bot", cancellationToken);
    }

    /// <summary>The simulated user types <paramref name="text"/> in the personal chat; the Playground posts it to the bot as a Teams message.</summary>
    public async Task SendTextAsync(string text, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync(
            $"/_conversation/v1/conversations/{Uri.EscapeDataString(Session.PersonalConversationId)}/messages",
            new { text, textFormat = "plain", from = new { id = Session.UserId } },
            cancellationToken);
        await EnsureSuccessAsync(response, $"send \"{text}\"", cancellationToken);
    }

    /// <summary>
    /// The simulated user clicks the suggested action <paramref name="title"/> under <paramref name="message"/>. The
    /// Playground UI renders only <c>imBack</c> actions and sends the button's title as a plain text message.
    /// </summary>
    public Task ClickSuggestedActionAsync(PlaygroundMessage message, string title, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.SuggestedActionTitles.Contains(title, StringComparer.Ordinal)
            ? SendTextAsync(title, cancellationToken)
            : throw new InvalidOperationException(
                $"The message \"{message.Text}\" offers no suggested action \"{title}\"; it offers: {string.Join(", ", message.SuggestedActionTitles.Select(offered => $"\"{offered}\""))}.");
    }

    /// <summary>
    /// The simulated user clicks the <c>Action.Submit</c> button <paramref name="action"/> of <paramref name="card"/>, as the
    /// Playground's Teams-style UI does: <c>POST /_conversation/v1/submit</c> with
    /// <c>{"conversation":{"id":…},"replyToId":"&lt;the card's message id&gt;","value":{…data merged with inputs…},"from":{"id":…}}</c>.
    /// The Playground then posts a <c>message</c> activity with that <c>value</c> and <c>replyToId</c> (and no text) to the bot.
    /// </summary>
    /// <param name="inputs">What the user typed into the card's inputs (input id → value); untouched inputs keep their card value.</param>
    public async Task SubmitCardAsync(PlaygroundCard card, PlaygroundCardAction action, IReadOnlyDictionary<string, string>? inputs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(action);
        if (!card.SubmitActions.Any(button => button.Title == action.Title && button.Data?.GetRawText() == action.Data?.GetRawText()))
        {
            throw new ArgumentException($"\"{action.Title}\" is not a button of this card.", nameof(action));
        }

        var body = SubmitBody(card, action, inputs);
        using var response = await _http.PostAsJsonAsync("/_conversation/v1/submit", body, cancellationToken);
        await EnsureSuccessAsync(response, $"submit \"{action.Title}\" on card {card.Message.MessageId}", cancellationToken);
    }

    /// <summary>The body of <c>POST /_conversation/v1/submit</c> for a click on <paramref name="action"/>, as the Playground UI builds it.</summary>
    public JsonObject SubmitBody(PlaygroundCard card, PlaygroundCardAction action, IReadOnlyDictionary<string, string>? inputs = null)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(action);
        return new JsonObject
        {
            ["conversation"] = new JsonObject { ["id"] = Session.PersonalConversationId },
            ["replyToId"] = card.Message.MessageId,
            ["value"] = card.SubmitValue(action, inputs),
            ["from"] = new JsonObject { ["id"] = Session.UserId },
        };
    }

    /// <summary>The next message the bot created in the personal chat; an update arriving first fails (typing is passed over).</summary>
    public Task<PlaygroundMessage> NextBotMessageAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        NextBotEventAsync(PlaygroundStreamEvent.CreateMessage, timeout, cancellationToken);

    /// <summary>The next message the bot replaced in the personal chat; a new message arriving first fails (typing is passed over).</summary>
    public Task<PlaygroundMessage> NextBotUpdateAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        NextBotEventAsync(PlaygroundStreamEvent.UpdateMessage, timeout, cancellationToken);

    public string DescribeReceived() => string.Join(Environment.NewLine, Received.Select(streamEvent => streamEvent.Raw));

    public async ValueTask DisposeAsync()
    {
        await _stopReceiving.CancelAsync();
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var closeTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "test finished", closeTimeout.Token);
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
            // The Playground may already be gone; closing politely is a courtesy, not a requirement.
        }

        try
        {
            await _receiving;
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
            // Same: the loop ends with the socket.
        }

        _socket.Dispose();
        _http.Dispose();
        _stopReceiving.Dispose();
    }

    private async Task<PlaygroundMessage> NextBotEventAsync(string action, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            while (true)
            {
                var streamEvent = await _events.Reader.ReadAsync(deadline.Token);
                if (streamEvent is not { Message: { } message }
                    || streamEvent.Action == PlaygroundStreamEvent.Typing
                    || message.From.Id != Session.BotId
                    || streamEvent.ActionConversationId != Session.PersonalConversationId)
                {
                    continue;
                }

                return streamEvent.Action == action
                    ? message
                    : throw new InvalidOperationException(
                        $"Expected the Playground to show a {Describe(action)} but it showed a {Describe(streamEvent.Action)}:{Environment.NewLine}{streamEvent.Raw}"
                        + $"{Environment.NewLine}Stream so far:{Environment.NewLine}{DescribeReceived()}");
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"No {Describe(action)} reached the Playground within {timeout.TotalSeconds:0} s. Stream so far:{Environment.NewLine}{DescribeReceived()}");
        }
        catch (ChannelClosedException exception)
        {
            throw new InvalidOperationException($"The Playground's conversation stream closed. Stream so far:{Environment.NewLine}{DescribeReceived()}", exception);
        }
    }

    private static string Describe(string action) => action switch
    {
        PlaygroundStreamEvent.CreateMessage => "new bot message (createMessage)",
        PlaygroundStreamEvent.UpdateMessage => "bot message update (updateMessage)",
        _ => $"\"{action}\" event",
    };

    private static async Task<PlaygroundSession> ReadSessionAsync(HttpClient http, CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(await http.GetStringAsync(new Uri("/_internal/v1/config", UriKind.Relative), cancellationToken));
        var config = document.RootElement.GetProperty("config");
        return new PlaygroundSession(
            PersonalConversationId: config.GetProperty("personalChat").GetProperty("id").GetString()!,
            UserId: config.GetProperty("currentUser").GetProperty("id").GetString()!,
            BotId: config.GetProperty("bot").GetProperty("id").GetString()!);
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new InvalidOperationException($"The Playground refused to {what}: {(int)response.StatusCode} {body}");
        }
    }

    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        using var frame = new MemoryStream();
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var result = await _socket.ReceiveAsync(buffer, cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                frame.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }

                var streamEvent = PlaygroundStreamEvent.Parse(Encoding.UTF8.GetString(frame.GetBuffer(), 0, (int)frame.Length));
                frame.SetLength(0);
                lock (_receivedGate)
                {
                    _received.Add(streamEvent);
                }

                await _events.Writer.WriteAsync(streamEvent, cancellationToken);
            }

            _events.Writer.TryComplete();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            _events.Writer.TryComplete(exception);
        }
    }
}
