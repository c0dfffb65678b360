using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CaaBot.Helpdesk.Handoff;
using CaaBot.Protocol;
using CaaBot.Protocol.Schema;
using CaaBot.Web.HelpdeskConsole.Authentication;
using CaaBot.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CaaBot.Web.Tests.HelpdeskConsole;

/// <summary>
/// The console's live chat through the real host: a Teams user escalates over <c>/api/messages</c>, agents work the
/// queue over the console API, and what the agent writes reaches the user through the Connector.
/// </summary>
public sealed class LiveChatConsoleApiTests : IAsyncLifetime
{
    private const string Conversation = "a:teams-personal-live";
    private const string Password = "correct horse battery staple";
    private static readonly HandoffAgent Alex = new("local:alex", "Alex Moreno", AgentChannel.Console);

    private readonly CaaBotHost _host = new(settings: new Dictionary<string, string?>
    {
        ["CaaBot:Helpdesk:Console:Accounts:0:UserName"] = "alex",
        ["CaaBot:Helpdesk:Console:Accounts:0:DisplayName"] = Alex.DisplayName,
        ["CaaBot:Helpdesk:Console:Accounts:0:PasswordHash"] = ConsolePasswordHasher.Hash(Password),
        ["CaaBot:Helpdesk:Console:Accounts:1:UserName"] = "sam",
        ["CaaBot:Helpdesk:Console:Accounts:1:DisplayName"] = "Sam Okafor",
        ["CaaBot:Helpdesk:Console:Accounts:1:PasswordHash"] = ConsolePasswordHasher.Hash(Password),
    });

    private HttpClient _user = null!;
    private ConsoleBrowser _alex = null!;
    private ConsoleBrowser _sam = null!;

    public async Task InitializeAsync()
    {
        _user = _host.CreateClient();
        _alex = await ConsoleBrowser.SignedInAsync(_host, "alex", Password);
        _sam = await ConsoleBrowser.SignedInAsync(_host, "sam", Password);
    }

    public async Task DisposeAsync()
    {
        _user.Dispose();
        _alex.Client.Dispose();
        _sam.Client.Dispose();
        await _host.DisposeAsync();
        _host.DeleteData();
    }

    [Theory]
    [InlineData("/helpdesk/api/live/queue")]
    [InlineData("/helpdesk/api/live/events")]
    [InlineData("/helpdesk/api/live/sessions/0123456789abcdef")]
    public async Task Api_WithoutAnAgentSignedIn_Is401(string path)
    {
        using var response = await new ConsoleBrowser(_host).GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("/helpdesk/")]
    [InlineData("/helpdesk/console.js")]
    public async Task Page_WithoutAnAgentSignedIn_GoesToTheSignInPage(string path)
    {
        using var response = await new ConsoleBrowser(_host).GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/helpdesk/signin", response.Headers.Location!.OriginalString.Replace("http://localhost", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_IsStaticWithAStrictContentSecurityPolicy()
    {
        using var response = await _alex.GetAsync("/helpdesk/");

        response.EnsureSuccessStatusCode();
        var policy = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("/helpdesk/console.js", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WholeChat_QueueTakeTalkClose_ReachesTheUserThroughTheConnector()
    {
        await MarkPresentAsync(Alex);
        var sessionId = await EscalateToLiveChatAsync("<script>alert('x')</script> Teams shows 0xCAA20004 <img src=x onerror=alert(1)>");

        var queue = await QueueAsync(_alex);
        Assert.True(queue.GetProperty("liveChatOpen").GetBoolean());
        var entry = Assert.Single(queue.GetProperty("entries").EnumerateArray());
        Assert.Equal(sessionId, entry.GetProperty("id").GetString());
        Assert.Equal("waiting", entry.GetProperty("state").GetString());
        Assert.Equal("CAA-000001", entry.GetProperty("ticketNumber").GetString());
        Assert.Equal("Ada", entry.GetProperty("userName").GetString());

        var view = await SessionAsync(_alex, sessionId);
        Assert.Contains(view.GetProperty("transcript").EnumerateArray(), line =>
            line.GetProperty("from").GetString() == "user" && line.GetProperty("text").GetString()!.Contains("<script>alert('x')</script>", StringComparison.Ordinal));
        Assert.Contains(view.GetProperty("transcript").EnumerateArray(), line => line.GetProperty("from").GetString() == "bot");

        // Without the antiforgery token (a cross-site form, a forged script) the session cookie alone does nothing.
        using (var forged = await _alex.Client.PostAsync(new Uri($"/helpdesk/api/live/sessions/{sessionId}/take", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        }

        using (var take = await _alex.PostAsync($"/helpdesk/api/live/sessions/{sessionId}/take"))
        {
            take.EnsureSuccessStatusCode();
        }

        using (var late = await _sam.PostAsync($"/helpdesk/api/live/sessions/{sessionId}/take"))
        {
            Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
            Assert.Equal("Alex Moreno has taken this chat already.", (await Activities.ReadJsonAsync(late)).GetProperty("error").GetString());
        }

        await WaitForUserMessageAsync("**Alex Moreno** from the helpdesk has joined.");
        using (var said = await _alex.PostAsync($"/helpdesk/api/live/sessions/{sessionId}/messages", new { text = "Hi Ada, please open Authenticator." }))
        {
            Assert.Equal(HttpStatusCode.Accepted, said.StatusCode);
        }

        using (var intruder = await _sam.PostAsync($"/helpdesk/api/live/sessions/{sessionId}/messages", new { text = "Not my chat" }))
        {
            Assert.Equal(HttpStatusCode.Conflict, intruder.StatusCode);
        }

        using (var empty = await _alex.PostAsync($"/helpdesk/api/live/sessions/{sessionId}/messages", new { text = "  " }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        }

        await WaitForUserMessageAsync("**Alex Moreno:** Hi Ada, please open Authenticator\\.");
        var replies = await SendAsync(Text("It shows a number to approve"));
        Assert.Empty(replies);
        var messages = (await SessionAsync(_alex, sessionId)).GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(["agent", "user"], messages.Select(message => message.GetProperty("from").GetString()));
        Assert.Equal("It shows a number to approve", messages[1].GetProperty("text").GetString());

        using (var close = await _alex.PostAsync($"/helpdesk/api/live/sessions/{sessionId}/close"))
        {
            close.EnsureSuccessStatusCode();
        }

        await WaitForUserMessageAsync("Alex Moreno has closed the chat.");
        await WaitForUserMessageAsync("How did the helpdesk do?");
        Assert.Empty((await QueueAsync(_alex)).GetProperty("entries").EnumerateArray());
    }

    [Fact]
    public async Task Session_UnknownOrMalformedId_IsNotFound()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _alex.GetAsync("/helpdesk/api/live/sessions/0123456789abcdef")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _alex.GetAsync("/helpdesk/api/live/sessions/..%2F..%2Fhelpdesk")).StatusCode);
        using var take = await _alex.PostAsync("/helpdesk/api/live/sessions/nothing-here/take");
        Assert.Equal(HttpStatusCode.NotFound, take.StatusCode);
    }

    [Fact]
    public async Task EventStream_KeepsTheAgentPresentAndAnnouncesChanges()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/helpdesk/api/live/events");
        using var response = await _alex.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        await ReadUntilAsync(reader, ": present");
        var presence = _host.Services.GetRequiredService<AgentPresence>();
        Assert.Contains(await presence.PresentAsync(CancellationToken.None), agent => agent.Id == Alex.Id && agent.DisplayName == Alex.DisplayName);

        var sessionId = await EscalateToLiveChatAsync("0xCAA20004");

        var change = await ReadUntilAsync(reader, "data: ");
        Assert.Contains(sessionId, change, StringComparison.Ordinal);
        Assert.Contains("Requested", change, StringComparison.Ordinal);
    }

    private async Task<string> EscalateToLiveChatAsync(string firstWords)
    {
        await SendAsync(Text(firstWords));
        var replies = await SendAsync(Text("Windows PC"));
        replies = await SendAsync(Text("agent"));
        replies = await SendAsync(Click(replies, "Send to helpdesk", new { consent = "true" }));
        Assert.Contains(replies, reply => reply.Text == CaaBot.Bot.Dialogs.EscalationDialog.LiveChatOffer);
        replies = await SendAsync(Text(CaaBot.Bot.Dialogs.EscalationDialog.ChatNowChoice));
        Assert.Contains(replies, reply => reply.Text?.StartsWith("I've asked the helpdesk", StringComparison.Ordinal) == true);
        var desk = _host.Services.GetRequiredService<LiveHandoffDesk>();
        var session = Assert.Single(await desk.ListOpenAsync(CancellationToken.None));
        return session.Id;
    }

    private async Task MarkPresentAsync(HandoffAgent agent) =>
        await _host.Services.GetRequiredService<AgentPresence>().HereAsync(agent, TimeSpan.FromMinutes(5), CancellationToken.None);

    private static async Task<JsonElement> SessionAsync(ConsoleBrowser agent, string sessionId) =>
        await agent.Client.GetFromJsonAsync<JsonElement>(new Uri($"/helpdesk/api/live/sessions/{sessionId}", UriKind.Relative));

    private static async Task<JsonElement> QueueAsync(ConsoleBrowser agent) =>
        await agent.Client.GetFromJsonAsync<JsonElement>(new Uri("/helpdesk/api/live/queue", UriKind.Relative));

    private async Task WaitForUserMessageAsync(string containing)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (!_host.Connector.Requests.Any(request => request.Body?.Contains(JsonEncodedText.Encode(containing).ToString(), StringComparison.Ordinal) == true
            && request.Uri.AbsolutePath.Contains(Uri.EscapeDataString(Conversation), StringComparison.Ordinal)))
        {
            if (DateTimeOffset.UtcNow >= deadline) Assert.Fail($"The user never got a message containing \"{containing}\". Scheduled: " + await ScheduledTurnsAsync());
            await Task.Delay(50);
        }
    }

    /// <summary>What the scheduler holds, for the failure message of a message that never came.</summary>
    private async Task<string> ScheduledTurnsAsync()
    {
        var scheduler = _host.Services.GetRequiredService<CaaBot.Conversations.Scheduling.TurnScheduler>();
        var streams = _host.Services.GetRequiredService<CaaBot.Storage.Abstractions.IStreamStore>();
        var lines = new List<string>();
        foreach (var entry in await streams.ReadAsync(CaaBot.Conversations.Scheduling.TurnScheduler.Stream, 0, 100, CancellationToken.None))
        {
            var turn = JsonSerializer.Deserialize<CaaBot.Conversations.Scheduling.ScheduledTurn>(entry.Payload.Span, ProtocolJson.Options)!;
            lines.Add(turn.Id + ": " + JsonSerializer.Serialize(await scheduler.GetProgressAsync(turn.Id, CancellationToken.None)));
        }

        return string.Join("; ", lines);
    }

    private static async Task<string> ReadUntilAsync(StreamReader reader, string prefix)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var line = await reader.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException("The event stream ended.");
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                return line;
            }
        }
    }

    private static Activity Text(string text) => Activities.Message("unused", Guid.NewGuid().ToString("N"), text);

    private static Activity Click(IReadOnlyList<Activity> replies, string title, object inputs)
    {
        var (card, data) = Activities.CardAction(replies, title);
        var merged = JsonSerializer.SerializeToNode(data)!.AsObject();
        foreach (var (name, value) in JsonSerializer.SerializeToNode(inputs)!.AsObject())
        {
            merged[name] = value?.DeepClone();
        }

        return Activities.Message("unused", Guid.NewGuid().ToString("N"), text: string.Empty) with { Text = null, Value = JsonSerializer.SerializeToElement(merged), ReplyToId = card.Id };
    }

    private async Task<IReadOnlyList<Activity>> SendAsync(Activity activity)
    {
        var addressed = activity with { ChannelId = CaaBot.Protocol.Schema.Channels.MsTeams, Conversation = new ConversationAccount { Id = Conversation, ConversationType = "personal" } };
        using var response = await Activities.PostAsync(_user, addressed);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ExpectedReplies>(ProtocolJson.Options))!.Activities;
    }
}
