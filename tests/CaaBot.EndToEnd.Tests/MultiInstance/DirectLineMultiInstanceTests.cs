using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using CaaBot.DirectLine.Api;
using CaaBot.EndToEnd.Tests.Infrastructure;
using CaaBot.Protocol;
using CaaBot.Protocol.Schema;
using Activity = CaaBot.Protocol.Schema.Activity;

namespace CaaBot.EndToEnd.Tests.MultiInstance;

/// <summary>
/// The web chat's Direct Line against two bot processes sharing one PostgreSQL: the official DirectLineJS client
/// through the round-robin proxy (every request may land on the other instance), and a WebSocket held open on one
/// instance while the turns run on the other, with tokens issued by one instance used and refreshed on the other.
/// </summary>
[Collection(MultiInstanceCollection.Name)]
public sealed class DirectLineMultiInstanceTests(MultiInstanceFixture fixture)
{
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("websocket")]
    [InlineData("polling")]
    public async Task DirectLineJs_ThroughTheRoundRobinProxy_TurnsAlternateAndNothingIsLostOrDuplicated(string mode)
    {
        var before = fixture.Proxy.Requests.Count;

        var result = await RunJourneyAsync(mode);

        var history = Ids(result, "history");
        var seen = Ids(result, "received1").Concat(Ids(result, "received2")).ToList();
        Assert.Equal(history, seen);
        Assert.Equal(history.Count, history.Distinct().Count());
        var requests = fixture.Proxy.Requests.Skip(before).ToList();
        var posts = requests.Where(request => request.Method == "POST" && request.Path.EndsWith("/activities", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, posts.Count);
        Assert.Equal(2, requests.Select(request => request.Instance).Distinct().Count());
        if (mode == "polling")
        {
            // Polls alternate: a watermark handed out by one instance was resumed from on the other.
            var polls = requests.Where(request => request.Method == "GET" && request.Path.EndsWith("/activities", StringComparison.Ordinal)).ToList();
            Assert.Equal(2, polls.Select(poll => poll.Instance).Distinct().Count());
        }
        else
        {
            Assert.Equal(2, posts.Select(post => post.Instance).Distinct().Count());
            // A message posted through one instance while the client's WebSocket was held by the other: its echo and
            // the bot's reply (both appended by the posting instance) still reached the client (the script waited for them).
            string? socketOn = null;
            var crossed = 0;
            foreach (var request in requests)
            {
                if (request.IsWebSocket)
                {
                    socketOn = request.Instance;
                }
                else if (posts.Contains(request) && socketOn is not null && socketOn != request.Instance)
                {
                    crossed++;
                }
            }

            Assert.True(crossed > 0, string.Join(Environment.NewLine, requests));
        }
    }

    [Fact]
    public async Task WebSocketOnOneInstance_TurnsOnTheOther_RepliesArriveOverTheSocket()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var first = fixture.Instances[MultiInstanceFixture.FirstInstance];
        var second = fixture.Instances[MultiInstanceFixture.SecondInstance];
        using var one = new HttpClient { BaseAddress = first };
        using var two = new HttpClient { BaseAddress = second };

        // The token comes from instance one; instance two accepts it (one signing key, state in the shared store).
        var generated = await PostJsonAsync<ConversationResponse>(one, "/v3/directline/tokens/generate", token: null, new { }, timeout.Token);
        var started = await PostJsonAsync<ConversationResponse>(two, "/v3/directline/conversations", generated.Token, new { }, timeout.Token);
        Assert.Equal(generated.ConversationId, started.ConversationId);
        Assert.StartsWith(fixture.Proxy.Address.ToString().Replace("http", "ws", StringComparison.Ordinal), started.StreamUrl, StringComparison.Ordinal);

        // The socket is held by instance one (its own address, bypassing the proxy).
        var streamUrl = new UriBuilder(new Uri(started.StreamUrl!)) { Host = first.Host, Port = first.Port }.Uri;
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(streamUrl, timeout.Token);
        var received = Channel.CreateUnbounded<Activity>();
        var reading = ReadFramesAsync(socket, received.Writer, timeout.Token);
        await WaitForAsync(received.Reader, activity => activity.From?.Role == "bot", "the welcome", timeout.Token);

        // Every turn runs on instance two; what it appends reaches the socket on instance one.
        var token = started.Token;
        foreach (var text in new[] { "hi", "0xCAA20004 on windows" })
        {
            var posted = await PostJsonAsync<ResourceResponse>(
                two, $"/v3/directline/conversations/{started.ConversationId}/activities", token, new { type = "message", from = new { id = "x" }, text }, timeout.Token);
            await WaitForAsync(received.Reader, activity => activity.Id == posted.Id, $"the echo of '{text}'", timeout.Token);
            await WaitForAsync(received.Reader, activity => activity.From?.Role == "bot" && activity.ReplyToId == posted.Id, $"the reply to '{text}'", timeout.Token);
        }

        // A token refreshed by instance two works on instance one, and vice versa.
        var refreshed = await PostJsonAsync<ConversationResponse>(two, "/v3/directline/tokens/refresh", token, new { }, timeout.Token);
        var again = await PostJsonAsync<ConversationResponse>(one, "/v3/directline/tokens/refresh", refreshed.Token, new { }, timeout.Token);
        var last = await PostJsonAsync<ResourceResponse>(
            two, $"/v3/directline/conversations/{started.ConversationId}/activities", again.Token, new { type = "message", from = new { id = "x" }, text = "agent" }, timeout.Token);
        await WaitForAsync(received.Reader, activity => activity.From?.Role == "bot" && activity.ReplyToId == last.Id, "the reply to 'agent'", timeout.Token);

        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
        await reading;

        // The history holds each activity once, as both instances read it.
        using var history = new HttpRequestMessage(HttpMethod.Get, new Uri($"/v3/directline/conversations/{started.ConversationId}/activities", UriKind.Relative));
        history.Headers.Authorization = new AuthenticationHeaderValue("Bearer", again.Token);
        using var fromOne = await one.SendAsync(history, timeout.Token);
        var set = await fromOne.Content.ReadFromJsonAsync<ActivitySet>(ProtocolJson.Options, timeout.Token);
        var ids = set!.Activities.Select(activity => activity.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Contains(last.Id, ids);
    }

    private static async Task<T> PostJsonAsync<T>(HttpClient client, string path, string? token, object body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = JsonContent.Create(body) };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await client.SendAsync(request, cancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"{path} on {client.BaseAddress}: {response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        return (await response.Content.ReadFromJsonAsync<T>(ProtocolJson.Options, cancellationToken))!;
    }

    private static async Task ReadFramesAsync(ClientWebSocket socket, ChannelWriter<Activity> received, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        using var frame = new MemoryStream();
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                frame.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }

                if (frame.Length > 0)
                {
                    var set = JsonSerializer.Deserialize<ActivitySet>(frame.ToArray(), ProtocolJson.Options);
                    foreach (var activity in set?.Activities ?? [])
                    {
                        received.TryWrite(activity);
                    }
                }

                frame.SetLength(0);
            }
        }
        catch (WebSocketException)
        {
            // The server went away; the waits report what was missing.
        }
        finally
        {
            received.TryComplete();
        }
    }

    private async Task<Activity> WaitForAsync(ChannelReader<Activity> received, Func<Activity, bool> match, string what, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(ReplyTimeout);
        try
        {
            while (await received.WaitToReadAsync(deadline.Token))
            {
                while (received.TryRead(out var activity))
                {
                    if (match(activity))
                    {
                        return activity;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }

        throw new TimeoutException($"The WebSocket did not deliver {what}.{Environment.NewLine}{fixture.DescribeHosts()}");
    }

    private async Task<JsonElement> RunJourneyAsync(string mode)
    {
        if (!File.Exists(Path.Combine(TestPaths.E2eClientsDirectory, "node_modules", "botframework-directlinejs", "package.json")))
        {
            throw new InvalidOperationException($"DirectLineJS is not installed. Run `{TestPaths.SetupCommand}` from the repository root.");
        }

        var startInfo = new ProcessStartInfo("node")
        {
            WorkingDirectory = TestPaths.E2eClientsDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(Path.Combine(TestPaths.E2eClientsDirectory, "directline-journey.js"));
        startInfo.ArgumentList.Add(fixture.Proxy.Address.ToString().TrimEnd('/'));
        startInfo.ArgumentList.Add(mode);
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("node did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"directline-journey.js ({mode}) through the proxy did not finish.{Environment.NewLine}{fixture.DescribeHosts()}");
        }

        var output = await stdout;
        Assert.True(process.ExitCode == 0, $"directline-journey.js ({mode}) through the proxy failed: {await stderr}{Environment.NewLine}{fixture.DescribeHosts()}");
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    private static List<string?> Ids(JsonElement result, string name) =>
        [.. result.GetProperty(name).EnumerateArray()
            .Where(activity => activity.GetProperty("type").GetString() != "typing")
            .Select(activity => activity.GetProperty("id").GetString())];
}
