using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using CaaBot.Bot.LiveChat.Teams;
using CaaBot.Helpdesk.Handoff;
using CaaBot.Protocol.Authentication;
using CaaBot.Protocol.Connector;
using CaaBot.Storage.InMemory;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CaaBot.Bot.Tests.LiveChat.Teams;

/// <summary>The helpdesk channel hearing of each change of a live chat, through the real Connector client.</summary>
public sealed class TeamsHelpdeskObserverTests
{
    private const string Channel = "19:helpdesk@thread.tacv2";
    private const string ServiceUrl = "https://smba.example.test/emea/";
    private const string Thread = Channel + ";messageid=1700";

    [Fact]
    public async Task Request_PostsTheCardAsANewThreadInTheChannel_AndRecordsTheThread()
    {
        var teams = new TeamsStandIn();
        var desk = NewDesk(teams);

        var session = await desk.RequestAsync(LiveHandoffDesk.NewSessionId(), "CAA-000042", HandoffSamples.Request(), null, 0, CancellationToken.None);

        var create = Assert.Single(teams.Requests);
        Assert.Equal((HttpMethod.Post, ServiceUrl + "v3/conversations"), (create.Method, create.Uri.AbsoluteUri));
        using var body = JsonDocument.Parse(create.Body!);
        Assert.True(body.RootElement.GetProperty("isGroup").GetBoolean());
        Assert.Equal(Channel, body.RootElement.GetProperty("channelData").GetProperty("channel").GetProperty("id").GetString());
        Assert.Equal("19:team@thread.tacv2", body.RootElement.GetProperty("channelData").GetProperty("team").GetProperty("id").GetString());
        Assert.Equal("tenant-1", body.RootElement.GetProperty("channelData").GetProperty("tenant").GetProperty("id").GetString());
        Assert.Equal("28:bot-app", body.RootElement.GetProperty("bot").GetProperty("id").GetString());
        Assert.Equal("AdaptiveCard", body.RootElement.GetProperty("activity").GetProperty("attachments")[0].GetProperty("content").GetProperty("type").GetString());
        var stored = (await desk.FindAsync(session.Id, CancellationToken.None))!;
        Assert.Equal((Thread, "1700", ServiceUrl), (stored.AgentThread!.Conversation!.Id, stored.AgentCardActivityId, stored.AgentThread.ServiceUrl));
    }

    [Fact]
    public async Task TakeSayEnd_UpdateTheCardAndTalkInTheThread()
    {
        var teams = new TeamsStandIn();
        var desk = NewDesk(teams);
        var session = await desk.RequestAsync(LiveHandoffDesk.NewSessionId(), "CAA-000042", HandoffSamples.Request(), null, 0, CancellationToken.None);
        var alex = new HandoffAgent("teams:alex", "Alex", AgentChannel.Teams);

        await desk.TakeAsync(session.Id, alex, CancellationToken.None);
        await desk.UserSaysAsync(session.Id, "It says *urgent* <b>now</b>", CancellationToken.None);
        await desk.AgentSaysAsync(session.Id, alex.Id, "Alex's own line", CancellationToken.None);
        await desk.EndAsync(session.Id, HandoffEnd.Closed, alex.Id, CancellationToken.None);

        var threadPath = $"/emea/v3/conversations/{Uri.EscapeDataString(Thread)}/activities";
        var calls = teams.Requests.Skip(1).Select(request => (request.Method.Method, request.Uri.AbsolutePath, Text(request.Body!))).ToList();
        Assert.Equal(
            [
                ("PUT", threadPath + "/1700", null),
                ("POST", threadPath, "**Alex** took the chat. Alex's replies in this thread go to Ada; what Ada writes appears here."),
                ("POST", threadPath, "**Ada:** " + MarkdownText.Escape("It says *urgent* <b>now</b>")),
                ("PUT", threadPath + "/1700", null),
                ("POST", threadPath, "Alex closed the chat. Ada is asked for a rating."),
            ],
            calls);
        Assert.Contains("Taken by **Alex**", teams.Requests.ElementAt(1).Body!, StringComparison.Ordinal);
        Assert.Contains("Closed by Alex.", teams.Requests.ElementAt(4).Body!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConsoleAgentsLines_AreCopiedToTheThread()
    {
        var teams = new TeamsStandIn();
        var desk = NewDesk(teams);
        var session = await desk.RequestAsync(LiveHandoffDesk.NewSessionId(), "CAA-000042", HandoffSamples.Request(), null, 0, CancellationToken.None);
        await desk.TakeAsync(session.Id, new HandoffAgent("console:sam", "Sam", AgentChannel.Console), CancellationToken.None);

        await desk.AgentSaysAsync(session.Id, "console:sam", "On it", CancellationToken.None);

        Assert.Equal("**Sam:** On it", Text(teams.Requests.Last().Body!));
    }

    [Fact]
    public async Task TeamsRefusesEverything_TheChatGoesOnWithoutAThread()
    {
        var teams = new TeamsStandIn { Status = HttpStatusCode.Forbidden };
        var desk = NewDesk(teams);

        var session = await desk.RequestAsync(LiveHandoffDesk.NewSessionId(), "CAA-000042", HandoffSamples.Request(), null, 0, CancellationToken.None);
        var said = await desk.UserSaysAsync(session.Id, "hello?", CancellationToken.None);

        Assert.Equal(HandoffOutcome.Done, said);
        Assert.Null((await desk.FindAsync(session.Id, CancellationToken.None))!.AgentThread);
        Assert.Single(teams.Requests);
    }

    [Fact]
    public async Task NotConfigured_NothingIsSent()
    {
        var teams = new TeamsStandIn();
        var desk = NewDesk(teams, new TeamsHelpdeskOptions());

        await desk.RequestAsync(LiveHandoffDesk.NewSessionId(), "CAA-000042", HandoffSamples.Request(), null, 0, CancellationToken.None);

        Assert.Empty(teams.Requests);
    }

    private static LiveHandoffDesk NewDesk(TeamsStandIn teams, TeamsHelpdeskOptions? options = null)
    {
        var connector = new ConnectorClient(new HttpClient(teams), AnonymousConnectorTokenProvider.Instance, TimeProvider.System, new ConnectorClientOptions(), NullLogger<ConnectorClient>.Instance);
        var channel = new TeamsHelpdeskChannel(
            connector,
            new InMemoryServiceUrlTrust(TimeProvider.System, TimeSpan.FromDays(1)),
            Options.Create(options ?? new TeamsHelpdeskOptions { ChannelId = Channel, ServiceUrl = new Uri(ServiceUrl), TenantId = "tenant-1", TeamId = "19:team@thread.tacv2", BotId = "28:bot-app" }));
        LiveHandoffDesk? desk = null;
        var observer = new TeamsHelpdeskObserver(channel, () => desk!, NullLogger<TeamsHelpdeskObserver>.Instance);
        var clock = TimeProvider.System;
        desk = new LiveHandoffDesk(new InMemoryDocumentStore(), new InMemoryStreamStore(clock), [observer], clock, NullLogger<LiveHandoffDesk>.Instance);
        return desk;
    }

    private static string? Text(string body) =>
        JsonDocument.Parse(body).RootElement.TryGetProperty("attachments", out _) ? null : JsonDocument.Parse(body).RootElement.GetProperty("text").GetString();

    /// <summary>Teams' Connector as the documentation describes it: a channel thread comes back as its id and its first message's id.</summary>
    private sealed class TeamsStandIn : HttpMessageHandler
    {
        private int _next = 1700;

        public HttpStatusCode Status { get; init; } = HttpStatusCode.OK;

        public ConcurrentQueue<(HttpMethod Method, Uri Uri, string? Body)> Requests { get; } = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
            Requests.Enqueue((request.Method, request.RequestUri!, body));
            var json = Status != HttpStatusCode.OK
                ? """{"error":{"code":"BotNotInConversationRoster","message":"The bot is not part of the conversation roster."}}"""
                : request.RequestUri!.AbsolutePath.EndsWith("/v3/conversations", StringComparison.Ordinal)
                    ? $$"""{"id":"{{Channel}};messageid=1700","activityId":"1700"}"""
                    : $$"""{"id":"{{Interlocked.Increment(ref _next)}}"}""";
            return new HttpResponseMessage(Status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        }
    }
}
