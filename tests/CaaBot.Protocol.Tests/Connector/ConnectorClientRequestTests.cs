using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Text.Json;
using CaaBot.Protocol.Connector;
using CaaBot.Protocol.Schema;
using CaaBot.Protocol.Tests.Infrastructure;

namespace CaaBot.Protocol.Tests.Connector;

/// <summary>What goes on the wire for each operation: method, path, escaping, headers, body.</summary>
public sealed class ConnectorClientRequestTests
{
    private const string ChannelConversationId = "19:8d1c5f0b2a7e4c3d9e6f1a2b3c4d5e6f@thread.tacv2;messageid=1772460100001";
    private const string EscapedChannelConversationId = "19%3A8d1c5f0b2a7e4c3d9e6f1a2b3c4d5e6f%40thread.tacv2%3Bmessageid%3D1772460100001";
    private static readonly Uri TeamsServiceUrl = new("https://smba.trafficmanager.net/amer/");

    [Fact]
    public async Task SendToConversationAsync_TeamsChannelConversation_PostsEscapedPathAndProtocolJson()
    {
        using var harness = new ConnectorHarness(new RecordingHandler((_, _) => RecordingHandler.Json(HttpStatusCode.Created, """{"id":"1772460200000"}""")));
        var activity = Message("Step 1 of 4: quit Teams.");

        var response = await harness.Client.SendToConversationAsync(TeamsServiceUrl, ChannelConversationId, activity);

        var request = Assert.Single(harness.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal($"https://smba.trafficmanager.net/amer/v3/conversations/{EscapedChannelConversationId}/activities", request.Uri.AbsoluteUri);
        Assert.Equal("application/json; charset=utf-8", request.ContentType);
        Assert.Equal($"Bearer {ConnectorHarness.Token}", request.Authorization);
        JsonSemantic.AssertEqual(ProtocolJson.Serialize(activity), request.Body!);
        Assert.Equal("1772460200000", response.Id);
    }

    [Theory]
    [InlineData("https://smba.trafficmanager.net/amer/", "https://smba.trafficmanager.net/amer/v3/conversations/a%3A1/activities")]
    [InlineData("https://smba.trafficmanager.net/amer", "https://smba.trafficmanager.net/amer/v3/conversations/a%3A1/activities")]
    [InlineData("https://smba.trafficmanager.net/amer//", "https://smba.trafficmanager.net/amer/v3/conversations/a%3A1/activities")]
    [InlineData("http://localhost:56150/_connector", "http://localhost:56150/_connector/v3/conversations/a%3A1/activities")]
    [InlineData("http://localhost:56150/_connector/", "http://localhost:56150/_connector/v3/conversations/a%3A1/activities")]
    [InlineData("https://directline.botframework.com", "https://directline.botframework.com/v3/conversations/a%3A1/activities")]
    public async Task SendToConversationAsync_ServiceUrlWithOrWithoutSlash_JoinsOnce(string serviceUrl, string expected)
    {
        using var harness = new ConnectorHarness(new RecordingHandler((_, _) => RecordingHandler.Json(HttpStatusCode.OK, """{"id":"1"}""")));

        await harness.Client.SendToConversationAsync(new Uri(serviceUrl), "a:1", Message("hi"));

        Assert.Equal(expected, Assert.Single(harness.Requests).Uri.AbsoluteUri);
    }

    [Fact]
    public async Task ReplyToActivityAsync_DirectLineIds_PostsToEscapedActivityAndSetsReplyToId()
    {
        using var harness = new ConnectorHarness(new RecordingHandler((_, _) => RecordingHandler.Json(HttpStatusCode.OK, """{"id":"K8Zq|0000004"}""")));

        var response = await harness.Client.ReplyToActivityAsync(
            new Uri("https://caabot.intranet.example/"), "K8Zq", "K8Zq|0000003", Message("Hello"));

        var request = Assert.Single(harness.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://caabot.intranet.example/v3/conversations/K8Zq/activities/K8Zq%7C0000003", request.Uri.AbsoluteUri);
        Assert.Equal("K8Zq|0000003", JsonDocument.Parse(request.Body!).RootElement.GetProperty("replyToId").GetString());
        Assert.Equal("K8Zq|0000004", response.Id);
    }

    [Fact]
    public async Task ReplyToActivityAsync_ActivityWithReplyToId_KeepsIt()
    {
        using var harness = new ConnectorHarness(new RecordingHandler((_, _) => RecordingHandler.Json(HttpStatusCode.OK, """{"id":"2"}""")));

        await harness.Client.ReplyToActivityAsync(TeamsServiceUrl, "a:1", "1", Message("Hello") with { ReplyToId = "0" });

        Assert.Equal("0", JsonDocument.Parse(Assert.Single(harness.Requests).Body!).RootElement.GetProperty("replyToId").GetString());
    }

    [Fact]
    public async Task UpdateActivityAsync_StepCard_PutsFullActivityWithId()
    {
        using var harness = new ConnectorHarness(new RecordingHandler((_, _) => RecordingHandler.Json(HttpStatusCode.OK, """{"id":"1772439380555"}""")));

        var response = await harness.Client.UpdateActivityAsync(TeamsServiceUrl, "a:1Sr", "1772439380555", Message("✔ Step 2: still broken"));

        var request = Assert.Single(harness.Requests);
        Assert.Equal(HttpMethod.Put, request.Method);
        Assert.Equal("https://smba.trafficmanager.net/amer/v3/conversations/a%3A1Sr/activities/1772439380555", request.Uri.AbsoluteUri);
        var body = JsonDocument.Parse(request.Body!).RootElement;
        Assert.Equal("1772439380555", body.GetProperty("id").GetString());
        Assert.Equal("message", body.GetProperty("type").GetString());
        Assert.Equal("✔ Step 2: still broken", body.GetProperty("text").GetString());
        Assert.Equal("1772439380555", response.Id);
    }

    [Fact]
    public async Task UpdateActivityAsync_EmptyResponseBody_ReturnsTheUpdatedId()
    {
        using var harness = new ConnectorHarness(new RecordingHandler((_, _) => new HttpResponseMessage(HttpStatusCode.OK)));

        var response = await harness.Client.UpdateActivityAsync(TeamsServiceUrl, "a:1", "f:99", Message("x"));

        Assert.Equal("f:99", response.Id);
        Assert.EndsWith("/activities/f%3A99", Assert.Single(harness.Requests).Uri.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteActivityAsync_ChannelMessage_SendsDeleteWithoutBody()
    {
        using var harness = new ConnectorHarness(new RecordingHandler((_, _) => new HttpResponseMessage(HttpStatusCode.Accepted)));

        await harness.Client.DeleteActivityAsync(TeamsServiceUrl, ChannelConversationId, "1772460200000");

        var request = Assert.Single(harness.Requests);
        Assert.Equal(HttpMethod.Delete, request.Method);
        Assert.Equal($"https://smba.trafficmanager.net/amer/v3/conversations/{EscapedChannelConversationId}/activities/1772460200000", request.Uri.AbsoluteUri);
        Assert.Null(request.Body);
    }

    [Fact]
    public async Task CreateConversationAsync_TeamsPersonal_PostsParametersAndReadsResponse()
    {
        using var harness = new ConnectorHarness(new RecordingHandler((_, _) =>
            RecordingHandler.Json(HttpStatusCode.Created, """{"id":"a:1SrLQpMBR_0wZz","activityId":"1772500000001"}""")));
        var parameters = new ConversationParameters
        {
            IsGroup = false,
            Bot = new ChannelAccount { Id = "28:8d4f1c2e-5b7a-4e3f-9a1d-2c6b0e7f4a93" },
            Members = [new ChannelAccount { Id = "29:1GcS4EyB" }],
            TenantId = "4b1c9c85-3a1f-4b8e-9f43-6d2e0a7c5e11",
            ChannelData = ProtocolJson.ToElement(new { tenant = new { id = "4b1c9c85-3a1f-4b8e-9f43-6d2e0a7c5e11" } }),
        };

        var response = await harness.Client.CreateConversationAsync(new Uri("https://smba.trafficmanager.net/emea"), parameters);

        var request = Assert.Single(harness.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://smba.trafficmanager.net/emea/v3/conversations", request.Uri.AbsoluteUri);
        JsonSemantic.AssertEqual(
            """
            {"isGroup":false,"bot":{"id":"28:8d4f1c2e-5b7a-4e3f-9a1d-2c6b0e7f4a93"},"members":[{"id":"29:1GcS4EyB"}],
             "tenantId":"4b1c9c85-3a1f-4b8e-9f43-6d2e0a7c5e11","channelData":{"tenant":{"id":"4b1c9c85-3a1f-4b8e-9f43-6d2e0a7c5e11"}}}
            """,
            request.Body!);
        Assert.Equal(new ConversationResourceResponse("a:1SrLQpMBR_0wZz", "1772500000001"), response);
    }

    [Fact]
    public async Task SendActivityAsync_WithReplyToId_UsesReplyEndpoint()
    {
        using var harness = new ConnectorHarness(new RecordingHandler((_, _) => RecordingHandler.Json(HttpStatusCode.OK, """{"id":"2"}""")));
        var reply = Message("hi") with
        {
            ServiceUrl = "http://localhost:56150/_connector",
            Conversation = new ConversationAccount { Id = "personal-chat-alex-agent" },
            ReplyToId = "c1e5a7d3",
        };

        await harness.Client.SendActivityAsync(reply);

        Assert.Equal("http://localhost:56150/_connector/v3/conversations/personal-chat-alex-agent/activities/c1e5a7d3", Assert.Single(harness.Requests).Uri.AbsoluteUri);
    }

    [Fact]
    public async Task SendActivityAsync_WithoutReplyToId_UsesSendEndpoint()
    {
        using var harness = new ConnectorHarness(new RecordingHandler((_, _) => RecordingHandler.Json(HttpStatusCode.OK, """{"id":"2"}""")));
        var proactive = Message("Your ticket HD-1042 was answered.") with
        {
            ServiceUrl = "https://smba.trafficmanager.net/emea/",
            Conversation = new ConversationAccount { Id = "a:1Sr" },
        };

        await harness.Client.SendActivityAsync(proactive);

        Assert.Equal("https://smba.trafficmanager.net/emea/v3/conversations/a%3A1Sr/activities", Assert.Single(harness.Requests).Uri.AbsoluteUri);
    }

    [Fact]
    public async Task SendActivityAsync_NoServiceUrl_ThrowsArgumentException()
    {
        using var harness = new ConnectorHarness(new RecordingHandler((_, _) => new HttpResponseMessage(HttpStatusCode.OK)));

        await Assert.ThrowsAsync<ArgumentException>(() =>
            harness.Client.SendActivityAsync(Message("x") with { Conversation = new ConversationAccount { Id = "a:1" } }));
        Assert.Empty(harness.Requests);
    }

    [Fact]
    public async Task SendToConversationAsync_Anonymous_SendsNoAuthorizationHeader()
    {
        using var harness = new ConnectorHarness(
            new RecordingHandler((_, _) => RecordingHandler.Json(HttpStatusCode.OK, """{"id":"1"}""")),
            tokenProvider: AnonymousConnectorTokenProvider.Instance);

        await harness.Client.SendToConversationAsync(new Uri("http://localhost:56150/_connector"), "personal-chat-alex-agent", Message("hi"));

        Assert.Null(Assert.Single(harness.Requests).Authorization);
    }

    [Fact]
    public async Task SendToConversationAsync_EachAttempt_AsksTheProviderForTheServiceUrlToken()
    {
        var tokens = new FixedTokenProvider(ConnectorHarness.Token);
        using var harness = new ConnectorHarness(
            new RecordingHandler((_, attempt) => attempt == 1
                ? new HttpResponseMessage(HttpStatusCode.BadGateway)
                : RecordingHandler.Json(HttpStatusCode.OK, """{"id":"1"}""")),
            tokenProvider: tokens);

        await harness.Client.SendToConversationAsync(TeamsServiceUrl, "a:1", Message("hi"));

        // Called per attempt so a provider can refresh a token that expired while we waited.
        Assert.Equal(2, tokens.Calls);
        Assert.Equal(TeamsServiceUrl, tokens.LastServiceUrl);
        Assert.All(harness.Requests, r => Assert.Equal($"Bearer {ConnectorHarness.Token}", r.Authorization));
    }

    [Fact]
    public async Task SendToConversationAsync_EmptySuccessBody_ReturnsNullId()
    {
        using var harness = new ConnectorHarness(new RecordingHandler((_, _) => new HttpResponseMessage(HttpStatusCode.Accepted)));

        var response = await harness.Client.SendToConversationAsync(TeamsServiceUrl, "a:1", Message("hi"));

        Assert.Null(response.Id);
    }

    [Fact]
    public async Task SendToConversationAsync_UnreadableSuccessBody_ReturnsNullIdAndLogsWithoutRetrying()
    {
        using var harness = new ConnectorHarness(new RecordingHandler((_, _) => RecordingHandler.Json(HttpStatusCode.OK, "<html>ok</html>")));

        var response = await harness.Client.SendToConversationAsync(TeamsServiceUrl, "a:1", Message("hi"));

        Assert.Null(response.Id);
        Assert.Single(harness.Requests);
        Assert.Contains(harness.Logger.Entries, e => e.EventId.Id == 1105);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData(".")]
    [InlineData("..")]
    public async Task SendToConversationAsync_InvalidConversationId_ThrowsArgumentException(string conversationId)
    {
        using var harness = new ConnectorHarness(new RecordingHandler((_, _) => new HttpResponseMessage(HttpStatusCode.OK)));

        await Assert.ThrowsAnyAsync<ArgumentException>(() => harness.Client.SendToConversationAsync(TeamsServiceUrl, conversationId, Message("hi")));
        Assert.Empty(harness.Requests);
    }

    [Theory]
    [InlineData("/relative/path")]
    [InlineData("ftp://smba.trafficmanager.net/amer/")]
    public async Task SendToConversationAsync_NonHttpServiceUrl_ThrowsArgumentException(string serviceUrl)
    {
        using var harness = new ConnectorHarness(new RecordingHandler((_, _) => new HttpResponseMessage(HttpStatusCode.OK)));

        await Assert.ThrowsAsync<ArgumentException>(() =>
            harness.Client.SendToConversationAsync(new Uri(serviceUrl, UriKind.RelativeOrAbsolute), "a:1", Message("hi")));
    }

    [Fact]
    public void Constructor_OutOfRangeOptions_ThrowsValidationException()
    {
        using var handler = new RecordingHandler((_, _) => new HttpResponseMessage(HttpStatusCode.OK));

        Assert.Throws<ValidationException>(() => new ConnectorHarness(handler, new ConnectorClientOptions { MaxAttempts = 0 }));
        Assert.Throws<ValidationException>(() => new ConnectorHarness(handler, new ConnectorClientOptions { AttemptTimeout = TimeSpan.Zero }));
        Assert.Throws<ValidationException>(() => new ConnectorHarness(handler, new ConnectorClientOptions { BaseDelay = TimeSpan.FromSeconds(5), MaxDelay = TimeSpan.FromSeconds(1) }));
    }

    [Fact]
    public void Options_Defaults_AreValid()
    {
        new ConnectorClientOptions().EnsureValid();
    }

    private static Activity Message(string text) => new()
    {
        Type = ActivityTypes.Message,
        Text = text,
        TextFormat = TextFormats.Markdown,
        From = new ChannelAccount { Id = "28:8d4f1c2e-5b7a-4e3f-9a1d-2c6b0e7f4a93", Name = "CaaBot" },
        Recipient = new ChannelAccount { Id = "29:1GcS4EyB", Name = "Grace Hopper" },
    };
}
