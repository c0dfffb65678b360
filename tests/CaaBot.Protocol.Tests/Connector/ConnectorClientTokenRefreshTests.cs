using System.Net;
using CaaBot.Protocol.Connector;
using CaaBot.Protocol.Schema;
using CaaBot.Protocol.Tests.Infrastructure;

namespace CaaBot.Protocol.Tests.Connector;

/// <summary>A Connector that refuses the bot's token gets one retry with a token fetched past the cache, never more.</summary>
public sealed class ConnectorClientTokenRefreshTests
{
    private static readonly Uri ServiceUrl = new("https://smba.trafficmanager.net/emea/");

    [Fact]
    public async Task Send_TokenRefusedOnce_RetriesAtOnceWithAFreshToken()
    {
        var tokens = new FixedTokenProvider(ConnectorHarness.Token);
        using var harness = new ConnectorHarness(
            new RecordingHandler((_, attempt) => attempt == 1
                ? RecordingHandler.Json(HttpStatusCode.Unauthorized, """{"error":{"code":"Unauthorized","message":"token rejected"}}""")
                : RecordingHandler.Json(HttpStatusCode.OK, """{"id":"2"}""")),
            tokenProvider: tokens);

        var response = await harness.Client.SendToConversationAsync(ServiceUrl, "a:1", Message());

        Assert.Equal("2", response.Id);
        Assert.Equal(2, harness.Requests.Count);
        Assert.Equal(1, tokens.ForcedRefreshes);
        Assert.Empty(harness.Time.AutoAdvancedWaits); // no backoff for a refreshed token
    }

    [Fact]
    public async Task Send_ForbiddenBecauseTheUserBlockedTheBot_IsNotRetriedForAToken()
    {
        var tokens = new FixedTokenProvider(ConnectorHarness.Token);
        using var harness = new ConnectorHarness(
            new RecordingHandler((_, _) => RecordingHandler.Json(HttpStatusCode.Forbidden, """{"error":{"code":"ConversationBlockedByUser","message":"User blocked the conversation with the bot."}}""")),
            tokenProvider: tokens);

        var failure = await Assert.ThrowsAsync<ConnectorException>(() => harness.Client.SendToConversationAsync(ServiceUrl, "a:1", Message()));

        Assert.Equal("ConversationBlockedByUser", failure.ErrorCode);
        Assert.Single(harness.Requests);
        Assert.Equal(0, tokens.ForcedRefreshes);
    }

    [Fact]
    public async Task Send_TokenRefusedTwice_FailsAfterOneRefreshWithoutLooping()
    {
        var tokens = new FixedTokenProvider(ConnectorHarness.Token);
        using var harness = new ConnectorHarness(
            new RecordingHandler((_, _) => RecordingHandler.Json(HttpStatusCode.Unauthorized, """{"error":{"code":"Unauthorized","message":"no"}}""")),
            tokenProvider: tokens);

        var failure = await Assert.ThrowsAsync<ConnectorException>(() => harness.Client.SendToConversationAsync(ServiceUrl, "a:1", Message()));

        Assert.Equal(HttpStatusCode.Unauthorized, failure.StatusCode);
        Assert.Equal("Unauthorized", failure.ErrorCode);
        Assert.False(failure.IsTransient);
        Assert.Equal(2, harness.Requests.Count);
        Assert.Equal(1, tokens.ForcedRefreshes);
    }

    [Fact]
    public async Task Send_AnonymousAndRefused_IsNotRetriedForAToken()
    {
        var tokens = new FixedTokenProvider(null);
        using var harness = new ConnectorHarness(
            new RecordingHandler((_, _) => RecordingHandler.Json(HttpStatusCode.Unauthorized, """{"error":{"code":"Unauthorized","message":"no"}}""")),
            tokenProvider: tokens);

        await Assert.ThrowsAsync<ConnectorException>(() => harness.Client.SendToConversationAsync(ServiceUrl, "a:1", Message()));

        Assert.Single(harness.Requests);
        Assert.Equal(0, tokens.ForcedRefreshes);
    }

    private static Activity Message() => new() { Type = ActivityTypes.Message, Text = "hello" };
}
