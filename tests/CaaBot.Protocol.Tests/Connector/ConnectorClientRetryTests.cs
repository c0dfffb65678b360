using System.Net;
using System.Net.Http.Headers;
using CaaBot.Protocol.Connector;
using CaaBot.Protocol.Schema;
using CaaBot.Protocol.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace CaaBot.Protocol.Tests.Connector;

/// <summary>
/// Throttling, transient failures, timeouts and cancellation. All waiting happens on a manual clock:
/// short waits elapse instantly (and are recorded), timeouts fire only when a test advances the clock.
/// </summary>
public sealed class ConnectorClientRetryTests
{
    private const int RetryScheduledEventId = 1102;
    private static readonly Uri ServiceUrl = new("https://smba.trafficmanager.net/emea/");
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task SendToConversationAsync_ThrottledTwiceWithRetryAfter_WaitsExactlyRetryAfterThenSucceeds()
    {
        using var harness = new ConnectorHarness(new RecordingHandler((_, attempt) => attempt switch
        {
            1 => RecordingHandler.Throttled(new RetryConditionHeaderValue(TimeSpan.FromSeconds(2))),
            2 => RecordingHandler.Throttled(new RetryConditionHeaderValue(TimeSpan.FromSeconds(3))),
            _ => RecordingHandler.Json(HttpStatusCode.Created, """{"id":"1772439400001"}"""),
        }));

        var response = await harness.Client.SendToConversationAsync(ServiceUrl, "a:1", Message());

        Assert.Equal("1772439400001", response.Id);
        Assert.Equal(3, harness.Requests.Count);
        Assert.Equal([TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3)], harness.Time.AutoAdvancedWaits);
        Assert.Equal(TimeSpan.FromSeconds(5), harness.Elapsed);
        Assert.Equal(2, harness.Logger.Entries.Count(e => e.EventId.Id == RetryScheduledEventId && e.Level == LogLevel.Warning));
        Assert.All(harness.Requests, r => Assert.Equal(harness.Requests[0].Body, r.Body));
    }

    [Fact]
    public async Task SendToConversationAsync_RetryAfterAsHttpDate_WaitsUntilThatDate()
    {
        ConnectorHarness? harness = null;
        using var created = harness = new ConnectorHarness(new RecordingHandler((_, attempt) => attempt == 1
            ? RecordingHandler.Throttled(new RetryConditionHeaderValue(harness!.Time.GetUtcNow().AddSeconds(4)))
            : RecordingHandler.Json(HttpStatusCode.OK, """{"id":"1"}""")));

        await harness.Client.SendToConversationAsync(ServiceUrl, "a:1", Message());

        Assert.Equal([TimeSpan.FromSeconds(4)], harness.Time.AutoAdvancedWaits);
        Assert.Equal(2, harness.Requests.Count);
    }

    [Fact]
    public async Task SendToConversationAsync_RetryAfterDateInThePast_RetriesAtOnce()
    {
        using var harness = new ConnectorHarness(new RecordingHandler((_, attempt) => attempt == 1
            ? RecordingHandler.Throttled(new RetryConditionHeaderValue(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero)))
            : RecordingHandler.Json(HttpStatusCode.OK, """{"id":"1"}""")));

        await harness.Client.SendToConversationAsync(ServiceUrl, "a:1", Message());

        Assert.Equal(2, harness.Requests.Count);
        Assert.Equal(TimeSpan.Zero, harness.Elapsed);
    }

    [Fact]
    public async Task SendToConversationAsync_RetryAfterLongerThanMaxDelay_WaitsMaxDelay()
    {
        using var harness = new ConnectorHarness(new RecordingHandler((_, attempt) => attempt == 1
            ? RecordingHandler.Throttled(new RetryConditionHeaderValue(TimeSpan.FromSeconds(45)))
            : RecordingHandler.Json(HttpStatusCode.OK, """{"id":"1"}""")));

        await harness.Client.SendToConversationAsync(ServiceUrl, "a:1", Message());

        Assert.Equal([harness.Options.MaxDelay], harness.Time.AutoAdvancedWaits);
    }

    [Fact]
    public async Task SendToConversationAsync_RetryAfterPastTheDeadline_FailsAtOnceWithRetryAfter()
    {
        var options = new ConnectorClientOptions
        {
            MaxDelay = TimeSpan.FromMinutes(10),
            AttemptTimeout = TimeSpan.FromSeconds(30),
            OverallTimeout = TimeSpan.FromSeconds(60),
        };
        using var harness = new ConnectorHarness(
            new RecordingHandler((_, _) => RecordingHandler.Throttled(new RetryConditionHeaderValue(TimeSpan.FromSeconds(120)))),
            options);

        var exception = await Assert.ThrowsAsync<ConnectorException>(() => harness.Client.SendToConversationAsync(ServiceUrl, "a:1", Message()));

        Assert.Single(harness.Requests);
        Assert.Equal(HttpStatusCode.TooManyRequests, exception.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(120), exception.RetryAfter);
        Assert.True(exception.IsTransient);
        Assert.Equal(TimeSpan.Zero, harness.Elapsed);
    }

    [Theory]
    [InlineData(HttpStatusCode.PreconditionFailed)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    public async Task SendToConversationAsync_TransientStatus_IsRetried(HttpStatusCode status)
    {
        using var harness = new ConnectorHarness(new RecordingHandler((_, attempt) => attempt < 3
            ? new HttpResponseMessage(status)
            : RecordingHandler.Json(HttpStatusCode.OK, """{"id":"ok"}""")));

        var response = await harness.Client.SendToConversationAsync(ServiceUrl, "a:1", Message());

        Assert.Equal("ok", response.Id);
        Assert.Equal(3, harness.Requests.Count);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, """{"error":{"code":"BadArgument","message":"Activity text is too long."}}""", "BadArgument", "Activity text is too long.")]
    [InlineData(HttpStatusCode.Forbidden, """{"error":{"code":"BotNotInConversationRoster","message":"The bot is not part of the conversation roster."}}""", "BotNotInConversationRoster", "The bot is not part of the conversation roster.")]
    [InlineData(HttpStatusCode.NotFound, """{"error":{"code":"ConversationNotFound","message":"Conversation not found."}}""", "ConversationNotFound", "Conversation not found.")]
    [InlineData(HttpStatusCode.MethodNotAllowed, """{"code":"BadArgument","message":"This channel does not support this operation"}""", "BadArgument", "This channel does not support this operation")]
    [InlineData(HttpStatusCode.RequestEntityTooLarge, """{"error":{"code":"MessageSizeTooBig","message":"Message size too big."}}""", "MessageSizeTooBig", "Message size too big.")]
    [InlineData(HttpStatusCode.InternalServerError, """<html><body>Internal Server Error</body></html>""", null, null)]
    // 401 is retried once with a fresh token first: ConnectorClientTokenRefreshTests.
    public async Task SendToConversationAsync_PermanentError_IsNotRetriedAndSurfacesCodeAndMessage(
        HttpStatusCode status, string body, string? code, string? message)
    {
        using var harness = new ConnectorHarness(new RecordingHandler((_, _) => RecordingHandler.Json(status, body)));

        var exception = await Assert.ThrowsAsync<ConnectorException>(() => harness.Client.SendToConversationAsync(ServiceUrl, "a:1", Message()));

        Assert.Single(harness.Requests);
        Assert.Equal(status, exception.StatusCode);
        Assert.Equal(code, exception.ErrorCode);
        Assert.Equal(message, exception.Error?.Error?.Message);
        Assert.Equal(1, exception.Attempts);
        Assert.False(exception.IsTransient);
        Assert.Equal("SendToConversation", exception.Operation);
        Assert.Contains($"HTTP {(int)status}", exception.Message, StringComparison.Ordinal);
        if (code is not null)
        {
            Assert.Contains(code, exception.Message, StringComparison.Ordinal);
        }

        Assert.Empty(harness.Time.AutoAdvancedWaits);
    }

    [Fact]
    public async Task ReplyToActivityAsync_ConversationNotFound_MessageNamesOperationStatusAndCode()
    {
        using var harness = new ConnectorHarness(new RecordingHandler((_, _) => RecordingHandler.Json(
            HttpStatusCode.NotFound, """{"error":{"code":"ConversationNotFound","message":"Conversation not found."}}""")));

        var exception = await Assert.ThrowsAsync<ConnectorException>(() => harness.Client.ReplyToActivityAsync(ServiceUrl, "a:1", "9", Message()));

        Assert.Equal(
            "Connector ReplyToActivity failed after 1 attempt(s): HTTP 404 (NotFound) ConversationNotFound: Conversation not found.",
            exception.Message);
    }

    [Fact]
    public async Task SendToConversationAsync_AlwaysBadGateway_GivesUpAfterMaxAttempts()
    {
        var options = new ConnectorClientOptions
        {
            MaxAttempts = 3,
            BaseDelay = TimeSpan.FromMilliseconds(100),
            MaxDelay = TimeSpan.FromSeconds(1),
            AttemptTimeout = TimeSpan.FromSeconds(30),
            OverallTimeout = TimeSpan.FromMinutes(5),
        };
        using var harness = new ConnectorHarness(new RecordingHandler((_, _) => new HttpResponseMessage(HttpStatusCode.BadGateway)), options);

        var exception = await Assert.ThrowsAsync<ConnectorException>(() => harness.Client.SendToConversationAsync(ServiceUrl, "a:1", Message()));

        Assert.Equal(3, harness.Requests.Count);
        Assert.Equal(3, exception.Attempts);
        Assert.Equal(HttpStatusCode.BadGateway, exception.StatusCode);
        Assert.True(exception.IsTransient);
        Assert.Equal(2, harness.Time.AutoAdvancedWaits.Count);
    }

    [Fact]
    public async Task SendToConversationAsync_NoRetryAfter_BacksOffExponentiallyWithJitterUpToMaxDelay()
    {
        var options = new ConnectorClientOptions
        {
            MaxAttempts = 6,
            BaseDelay = TimeSpan.FromSeconds(1),
            MaxDelay = TimeSpan.FromSeconds(3),
            AttemptTimeout = TimeSpan.FromSeconds(30),
            OverallTimeout = TimeSpan.FromMinutes(5),
        };
        using var harness = new ConnectorHarness(new RecordingHandler((_, _) => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable)), options);

        await Assert.ThrowsAsync<ConnectorException>(() => harness.Client.SendToConversationAsync(ServiceUrl, "a:1", Message()));

        // Each wait lies between half and all of min(base * 2^(n-1), max).
        double[] ceilings = [1, 2, 3, 3, 3];
        var waits = harness.Time.AutoAdvancedWaits.ToArray();
        Assert.Equal(ceilings.Length, waits.Length);
        for (var i = 0; i < waits.Length; i++)
        {
            Assert.InRange(waits[i].TotalSeconds, ceilings[i] / 2, ceilings[i]);
        }
    }

    [Fact]
    public async Task SendToConversationAsync_NetworkError_IsRetried()
    {
        using var harness = new ConnectorHarness(new RecordingHandler((_, attempt) => attempt == 1
            ? throw new HttpRequestException("Connection refused (smba.trafficmanager.net:443)")
            : RecordingHandler.Json(HttpStatusCode.OK, """{"id":"ok"}""")));

        var response = await harness.Client.SendToConversationAsync(ServiceUrl, "a:1", Message());

        Assert.Equal("ok", response.Id);
        Assert.Equal(2, harness.Requests.Count);
    }

    [Fact]
    public async Task SendToConversationAsync_NetworkErrorEveryTime_ThrowsConnectorExceptionWithCause()
    {
        using var harness = new ConnectorHarness(new RecordingHandler((_, _) => throw new HttpRequestException("Connection refused")));

        var exception = await Assert.ThrowsAsync<ConnectorException>(() => harness.Client.SendToConversationAsync(ServiceUrl, "a:1", Message()));

        Assert.Null(exception.StatusCode);
        Assert.True(exception.IsTransient);
        Assert.Equal(harness.Options.MaxAttempts, exception.Attempts);
        Assert.IsType<HttpRequestException>(exception.InnerException);
    }

    [Fact]
    public async Task SendToConversationAsync_AttemptTimesOut_IsRetried()
    {
        using var harness = new ConnectorHarness(new RecordingHandler(async (_, attempt, cancellationToken) =>
        {
            if (attempt == 1)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken); // a Connector that never answers
            }

            return RecordingHandler.Json(HttpStatusCode.OK, """{"id":"second"}""");
        }));

        var send = harness.Client.SendToConversationAsync(ServiceUrl, "a:1", Message());
        Assert.True(await harness.Handler.Entered.WaitAsync(HangGuard));
        harness.Time.Advance(harness.Options.AttemptTimeout);
        var response = await send.WaitAsync(HangGuard);

        Assert.Equal("second", response.Id);
        Assert.Equal(2, harness.Requests.Count);
        Assert.Contains(harness.Logger.Entries, e => e.EventId.Id == RetryScheduledEventId && e.Message.Contains("timed out", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SendToConversationAsync_EveryAttemptHangs_FailsAtTheOverallDeadline()
    {
        var options = new ConnectorClientOptions
        {
            MaxAttempts = 10,
            BaseDelay = TimeSpan.FromMilliseconds(100),
            MaxDelay = TimeSpan.FromSeconds(1),
            AttemptTimeout = TimeSpan.FromSeconds(5),
            OverallTimeout = TimeSpan.FromSeconds(12),
        };
        using var harness = new ConnectorHarness(
            new RecordingHandler(async (_, _, cancellationToken) =>
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
                return new HttpResponseMessage(HttpStatusCode.OK);
            }),
            options,
            autoAdvanceBelow: TimeSpan.FromSeconds(2));

        var send = harness.Client.SendToConversationAsync(ServiceUrl, "a:1", Message());
        for (var i = 0; i < 3; i++)
        {
            Assert.True(await harness.Handler.Entered.WaitAsync(HangGuard));
            harness.Time.Advance(options.AttemptTimeout);
        }

        var exception = await Assert.ThrowsAsync<ConnectorException>(() => send.WaitAsync(HangGuard));

        Assert.Equal(3, harness.Requests.Count);
        Assert.Null(exception.StatusCode);
        Assert.True(exception.IsTransient);
        Assert.Contains("timed out", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendToConversationAsync_CallerCancelsDuringRequest_ThrowsOperationCanceled()
    {
        using var cancellation = new CancellationTokenSource();
        using var harness = new ConnectorHarness(new RecordingHandler(async (_, _, cancellationToken) =>
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.OK);
        }));

        var send = harness.Client.SendToConversationAsync(ServiceUrl, "a:1", Message(), cancellation.Token);
        Assert.True(await harness.Handler.Entered.WaitAsync(HangGuard));
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send.WaitAsync(HangGuard));
        Assert.Single(harness.Requests);
    }

    [Fact]
    public async Task SendToConversationAsync_CallerCancelsDuringBackoff_StopsRetrying()
    {
        using var cancellation = new CancellationTokenSource();
        using var harness = new ConnectorHarness(
            new RecordingHandler((_, _) =>
            {
                cancellation.Cancel();
                return RecordingHandler.Throttled(new RetryConditionHeaderValue(TimeSpan.FromSeconds(5)));
            }),
            autoAdvanceBelow: TimeSpan.Zero);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            harness.Client.SendToConversationAsync(ServiceUrl, "a:1", Message(), cancellation.Token).WaitAsync(HangGuard));
        Assert.Single(harness.Requests);
    }

    [Fact]
    public async Task SendToConversationAsync_AlreadyCancelled_SendsNothing()
    {
        using var harness = new ConnectorHarness(new RecordingHandler((_, _) => new HttpResponseMessage(HttpStatusCode.OK)));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            harness.Client.SendToConversationAsync(ServiceUrl, "a:1", Message(), new CancellationToken(canceled: true)));
        Assert.Empty(harness.Requests);
    }

    [Fact]
    public async Task SendToConversationAsync_ErrorBodyEchoesTheToken_TokenAppearsNowhere()
    {
        using var harness = new ConnectorHarness(new RecordingHandler((request, _) => RecordingHandler.Json(
            HttpStatusCode.Unauthorized,
            $$$"""{"error":{"code":"Unauthorized","message":"Token rejected: {{{request.Authorization}}}"}}""")));

        var exception = await Assert.ThrowsAsync<ConnectorException>(() => harness.Client.SendToConversationAsync(ServiceUrl, "a:1", Message()));

        Assert.DoesNotContain(ConnectorHarness.Token, exception.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(ConnectorHarness.Token, exception.Error!.Error!.Message!, StringComparison.Ordinal);
        Assert.Contains("***", exception.Error.Error.Message, StringComparison.Ordinal);
        Assert.All(harness.Logger.Entries, e => Assert.DoesNotContain(ConnectorHarness.Token, e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SendToConversationAsync_FailedAfterRetries_TokenAppearsNowhere()
    {
        using var harness = new ConnectorHarness(new RecordingHandler((_, attempt) => attempt == 1
            ? new HttpResponseMessage(HttpStatusCode.BadGateway)
            : throw new HttpRequestException("Connection reset")));

        var exception = await Assert.ThrowsAsync<ConnectorException>(() => harness.Client.SendToConversationAsync(ServiceUrl, "a:1", Message()));

        Assert.DoesNotContain(ConnectorHarness.Token, exception.ToString(), StringComparison.Ordinal);
        Assert.All(harness.Logger.Entries, e => Assert.DoesNotContain(ConnectorHarness.Token, e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task DeleteActivityAsync_Throttled_IsRetriedToo()
    {
        using var harness = new ConnectorHarness(new RecordingHandler((_, attempt) => attempt == 1
            ? RecordingHandler.Throttled(new RetryConditionHeaderValue(TimeSpan.FromSeconds(1)))
            : new HttpResponseMessage(HttpStatusCode.OK)));

        await harness.Client.DeleteActivityAsync(ServiceUrl, "a:1", "1772439380555");

        Assert.Equal(2, harness.Requests.Count);
        Assert.All(harness.Requests, r => Assert.Equal(HttpMethod.Delete, r.Method));
    }

    private static Activity Message() => new()
    {
        Type = ActivityTypes.Message,
        Text = "Step 2 of 4: clear the Teams cache.",
        TextFormat = TextFormats.Markdown,
        From = new ChannelAccount { Id = "28:8d4f1c2e-5b7a-4e3f-9a1d-2c6b0e7f4a93" },
        Recipient = new ChannelAccount { Id = "29:1GcS4EyB" },
    };
}
