using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using CaaBot.Protocol.Schema;
using Microsoft.Extensions.Logging;

namespace CaaBot.Protocol.Connector;

/// <summary>
/// Client of the Bot Connector REST API (bot → channel): send, reply, update, delete, create conversation.
/// </summary>
/// <remarks>
/// <para>Every call has a per-attempt timeout and an overall deadline, both measured with the injected
/// <see cref="TimeProvider"/>; keep <see cref="HttpClient.Timeout"/> longer than
/// <see cref="ConnectorClientOptions.AttemptTimeout"/> (or infinite) so these are the ones that apply.</para>
/// <para>Retried: 429, 412, 502, 503, 504, attempt timeouts and network errors, with exponential backoff and
/// jitter, or exactly the channel's <c>Retry-After</c> (capped by <see cref="ConnectorClientOptions.MaxDelay"/>).
/// Other statuses fail at once with a <see cref="ConnectorException"/>. A POST retried after a timeout may
/// deliver a message twice; for a support bot a rare duplicate beats a lost troubleshooting step.</para>
/// <para>With a <see cref="ConversationSendPacer"/>, sends, replies and updates to one conversation are paced within
/// the channel's per-thread limits before they go out.</para>
/// </remarks>
public sealed class ConnectorClient(
    HttpClient httpClient,
    IConnectorTokenProvider tokenProvider,
    TimeProvider timeProvider,
    ConnectorClientOptions options,
    ILogger<ConnectorClient> logger,
    ConversationSendPacer? pacer = null)
{
    private const string SendToConversationOperation = "SendToConversation";
    private const string ReplyToActivityOperation = "ReplyToActivity";
    private const string UpdateActivityOperation = "UpdateActivity";
    private const string DeleteActivityOperation = "DeleteActivity";
    private const string CreateConversationOperation = "CreateConversation";

    private readonly ConnectorClientOptions _options = EnsureValid(options);

    /// <summary>Appends <paramref name="activity"/> to the conversation: <c>POST v3/conversations/{id}/activities</c>.</summary>
    public async Task<ResourceResponse> SendToConversationAsync(
        Uri serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var path = $"v3/conversations/{Segment(conversationId, nameof(conversationId))}/activities";
        await PaceAsync(serviceUrl, conversationId, cancellationToken);
        var outcome = await ExecuteAsync(SendToConversationOperation, HttpMethod.Post, serviceUrl, path, Serialize(activity), cancellationToken);
        return ReadBody(SendToConversationOperation, outcome, new ResourceResponse(null));
    }

    /// <summary>
    /// Answers activity <paramref name="activityId"/>: <c>POST v3/conversations/{id}/activities/{activityId}</c>.
    /// Teams threads the reply in channels. <c>replyToId</c> is filled in when the activity has none.
    /// </summary>
    public async Task<ResourceResponse> ReplyToActivityAsync(
        Uri serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var path = $"v3/conversations/{Segment(conversationId, nameof(conversationId))}/activities/{Segment(activityId, nameof(activityId))}";
        var body = activity.ReplyToId is null ? activity with { ReplyToId = activityId } : activity;
        await PaceAsync(serviceUrl, conversationId, cancellationToken);
        var outcome = await ExecuteAsync(ReplyToActivityOperation, HttpMethod.Post, serviceUrl, path, Serialize(body), cancellationToken);
        return ReadBody(ReplyToActivityOperation, outcome, new ResourceResponse(null));
    }

    /// <summary>
    /// Replaces a message the bot sent (e.g. a step card after its button was clicked):
    /// <c>PUT v3/conversations/{id}/activities/{activityId}</c>. The body carries the id, as the channel expects.
    /// </summary>
    public async Task<ResourceResponse> UpdateActivityAsync(
        Uri serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var path = $"v3/conversations/{Segment(conversationId, nameof(conversationId))}/activities/{Segment(activityId, nameof(activityId))}";
        var body = activity.Id is null ? activity with { Id = activityId } : activity;
        await PaceAsync(serviceUrl, conversationId, cancellationToken);
        var outcome = await ExecuteAsync(UpdateActivityOperation, HttpMethod.Put, serviceUrl, path, Serialize(body), cancellationToken);
        return ReadBody(UpdateActivityOperation, outcome, new ResourceResponse(activityId));
    }

    /// <summary>Deletes a message the bot sent: <c>DELETE v3/conversations/{id}/activities/{activityId}</c>.</summary>
    public async Task DeleteActivityAsync(
        Uri serviceUrl, string conversationId, string activityId, CancellationToken cancellationToken = default)
    {
        var path = $"v3/conversations/{Segment(conversationId, nameof(conversationId))}/activities/{Segment(activityId, nameof(activityId))}";
        await ExecuteAsync(DeleteActivityOperation, HttpMethod.Delete, serviceUrl, path, body: null, cancellationToken);
    }

    /// <summary>
    /// Creates (or, in Teams 1:1, finds) a conversation for proactive messages: <c>POST v3/conversations</c>.
    /// Teams needs <c>channelData.tenant.id</c> and <c>tenantId</c> in <paramref name="parameters"/>.
    /// </summary>
    public async Task<ConversationResourceResponse> CreateConversationAsync(
        Uri serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var outcome = await ExecuteAsync(CreateConversationOperation, HttpMethod.Post, serviceUrl, "v3/conversations", Serialize(parameters), cancellationToken);
        return ReadBody(CreateConversationOperation, outcome, new ConversationResourceResponse(null));
    }

    /// <summary>
    /// Sends an activity addressed by its own <see cref="Activity.ServiceUrl"/> and conversation: as a reply when
    /// <see cref="Activity.ReplyToId"/> is set (as the SDK does), otherwise appended to the conversation.
    /// </summary>
    public Task<ResourceResponse> SendActivityAsync(Activity activity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (!Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var serviceUrl))
        {
            throw new ArgumentException("The activity has no absolute serviceUrl.", nameof(activity));
        }

        var conversationId = activity.Conversation?.Id;
        if (string.IsNullOrEmpty(conversationId))
        {
            throw new ArgumentException("The activity has no conversation id.", nameof(activity));
        }

        return string.IsNullOrEmpty(activity.ReplyToId)
            ? SendToConversationAsync(serviceUrl, conversationId, activity, cancellationToken)
            : ReplyToActivityAsync(serviceUrl, conversationId, activity.ReplyToId, activity, cancellationToken);
    }

    /// <summary>Joins a service URL and a relative path whether or not the URL ends with '/'.</summary>
    internal static Uri BuildRequestUri(Uri serviceUrl, string relativePath)
    {
        ArgumentNullException.ThrowIfNull(serviceUrl);
        if (!serviceUrl.IsAbsoluteUri || (serviceUrl.Scheme != Uri.UriSchemeHttps && serviceUrl.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException("The service URL must be an absolute http(s) URL.", nameof(serviceUrl));
        }

        // Teams' URLs end with '/' ("…/emea/"), the Agents Playground's do not ("…/_connector").
        var root = serviceUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
        return new Uri($"{root}/{relativePath}", UriKind.Absolute);
    }

    private Task PaceAsync(Uri serviceUrl, string conversationId, CancellationToken cancellationToken) =>
        pacer?.WaitTurnAsync($"{serviceUrl.GetLeftPart(UriPartial.Authority)}|{conversationId}", cancellationToken) ?? Task.CompletedTask;

    private async Task<AttemptOutcome> ExecuteAsync(
        string operation, HttpMethod method, Uri serviceUrl, string relativePath, byte[]? body, CancellationToken cancellationToken)
    {
        var requestUri = BuildRequestUri(serviceUrl, relativePath);
        cancellationToken.ThrowIfCancellationRequested();
        var started = timeProvider.GetTimestamp();
        using var deadline = new CancellationTokenSource(_options.OverallTimeout, timeProvider);
        using var call = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);

        var attempt = 0;
        var refreshedToken = false;
        AttemptOutcome outcome = default;
        try
        {
            while (true)
            {
                call.Token.ThrowIfCancellationRequested();
                attempt++;
                ConnectorClientLog.Sending(logger, operation, requestUri.Host, attempt);
                outcome = await TryOnceAsync(method, requestUri, serviceUrl, body, forceRefresh: false, call.Token);

                // A refused token (revoked, rolled, expired early) is fetched anew once, past the cache, and the call retried at
                // once. A 403 is about the operation (the user blocked the bot, the bot left the team), not the token.
                if (outcome is { SentToken: true, StatusCode: HttpStatusCode.Unauthorized } && !refreshedToken)
                {
                    refreshedToken = true;
                    ConnectorClientLog.TokenRefused(logger, operation, (int)outcome.StatusCode!.Value);
                    outcome = await TryOnceAsync(method, requestUri, serviceUrl, body, forceRefresh: true, call.Token);
                }

                if (outcome.IsSuccess)
                {
                    ConnectorClientLog.Succeeded(logger, operation, (int)outcome.StatusCode!.Value, attempt);
                    return outcome;
                }

                if (!outcome.IsTransient)
                {
                    ConnectorClientLog.Failed(logger, operation, outcome.StatusCode!.Value, outcome.Error?.Error?.Code, attempt);
                    throw CreateException(operation, outcome, attempt, reason: null);
                }

                if (attempt >= _options.MaxAttempts)
                {
                    ConnectorClientLog.GaveUp(logger, operation, attempt, outcome.Describe());
                    throw CreateException(operation, outcome, attempt, reason: null);
                }

                var delay = NextDelay(attempt, outcome.RetryAfter);
                if (timeProvider.GetElapsedTime(started) + delay >= _options.OverallTimeout)
                {
                    // Sleeping into the deadline only to be cancelled helps nobody: fail now and let the caller reschedule.
                    ConnectorClientLog.GaveUp(logger, operation, attempt, $"{outcome.Describe()}; waiting {delay} would pass the deadline");
                    throw CreateException(operation, outcome, attempt, $"waiting {delay} would pass the {_options.OverallTimeout} deadline");
                }

                ConnectorClientLog.RetryScheduled(logger, operation, attempt, outcome.Describe(), delay);
                await Task.Delay(delay, timeProvider, call.Token);
            }
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested && deadline.IsCancellationRequested)
        {
            ConnectorClientLog.GaveUp(logger, operation, attempt, "deadline reached");
            throw new ConnectorException(
                $"Connector {operation} timed out: no success within {_options.OverallTimeout} ({attempt} attempt(s)).",
                operation, outcome.StatusCode, outcome.Error, attempt, isTransient: true, outcome.RetryAfter, exception);
        }
    }

    private async Task<AttemptOutcome> TryOnceAsync(HttpMethod method, Uri requestUri, Uri serviceUrl, byte[]? body, bool forceRefresh, CancellationToken callToken)
    {
        using var attemptTimeout = new CancellationTokenSource(_options.AttemptTimeout, timeProvider);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(callToken, attemptTimeout.Token);
        try
        {
            var accessToken = await tokenProvider.GetTokenAsync(serviceUrl, forceRefresh, attempt.Token);
            using var request = new HttpRequestMessage(method, requestUri);
            if (!string.IsNullOrEmpty(accessToken))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
            }

            if (body is not null)
            {
                request.Content = new ByteArrayContent(body);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            }

            using var response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attempt.Token);
            var text = await response.Content.ReadAsStringAsync(attempt.Token);

            // A gateway that echoes the request must not smuggle the token into an exception or a log.
            if (!string.IsNullOrEmpty(accessToken))
            {
                text = text.Replace(accessToken, "***", StringComparison.Ordinal);
            }

            return new AttemptOutcome(response.StatusCode, RetryAfterOf(response), text, response.IsSuccessStatusCode ? null : ParseError(text), Failure: null)
            {
                SentToken = !string.IsNullOrEmpty(accessToken),
            };
        }
        catch (OperationCanceledException exception) when (!callToken.IsCancellationRequested)
        {
            // Our attempt timeout, or HttpClient.Timeout: either way this attempt is over, the call is not.
            return new AttemptOutcome(StatusCode: null, RetryAfter: null, Body: null, Error: null, exception);
        }
        catch (HttpRequestException exception)
        {
            return new AttemptOutcome(StatusCode: null, RetryAfter: null, Body: null, Error: null, exception);
        }
    }

    private TimeSpan? RetryAfterOf(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta > TimeSpan.Zero ? delta : TimeSpan.Zero;
        }

        if (header?.Date is { } date)
        {
            var wait = date - timeProvider.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    private TimeSpan NextDelay(int attempt, TimeSpan? retryAfter)
    {
        if (retryAfter is { } requested)
        {
            return requested < _options.MaxDelay ? requested : _options.MaxDelay;
        }

        var exponentialMs = Math.Min(
            _options.BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1),
            _options.MaxDelay.TotalMilliseconds);

        // Equal jitter: half of the backoff is fixed, half random, so bots throttled together spread out.
#pragma warning disable CA5394 // Jitter needs no cryptographic randomness.
        return TimeSpan.FromMilliseconds((exponentialMs / 2) + (Random.Shared.NextDouble() * exponentialMs / 2));
#pragma warning restore CA5394
    }

    private T ReadBody<T>(string operation, AttemptOutcome outcome, T whenEmpty)
        where T : class
    {
        if (string.IsNullOrWhiteSpace(outcome.Body))
        {
            return whenEmpty;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(outcome.Body, ProtocolJson.Options) ?? whenEmpty;
        }
        catch (JsonException exception)
        {
            // The channel accepted the activity; failing now would make the caller send it again.
            ConnectorClientLog.UnreadableSuccessBody(logger, operation, (int)outcome.StatusCode!.Value, exception);
            return whenEmpty;
        }
    }

    private ConnectorException CreateException(string operation, AttemptOutcome outcome, int attempts, string? reason)
    {
        // e.g. "Connector ReplyToActivity failed after 1 attempt(s): HTTP 404 (NotFound) ConversationNotFound: Conversation not found."
        var error = outcome.Error?.Error;
        var detail = (error?.Code, error?.Message) switch
        {
            ({ } code, { } message) => $" {code}: {message}",
            ({ } code, null) => $" {code}",
            (null, { } message) => $" {message}",
            _ => string.Empty,
        };
        var after = reason is null ? string.Empty : $" ({reason})";
        var text = $"Connector {operation} failed after {attempts} attempt(s): {outcome.Describe()}{detail}{after}";
        return new ConnectorException(
            text.EndsWith('.') ? text : text + ".",
            operation,
            outcome.StatusCode,
            outcome.Error,
            attempts,
            outcome.IsTransient,
            outcome.RetryAfter,
            outcome.Failure);
    }

    private static ErrorResponse? ParseError(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                return root.Deserialize<ErrorResponse>(ProtocolJson.Options);
            }

            // Some gateways answer with the detail alone: {"code":"BadArgument","message":"…"}.
            return root.TryGetProperty("code", out _) || root.TryGetProperty("message", out _)
                ? new ErrorResponse(root.Deserialize<ErrorDetail>(ProtocolJson.Options))
                : null;
        }
        catch (JsonException)
        {
            return null; // An HTML error page from a proxy: the status code says enough.
        }
    }

    private static byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, ProtocolJson.Options);

    private static string Segment(string value, string parameterName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, parameterName);

        // URI normalization would collapse these and address a different resource.
        if (value is "." or "..")
        {
            throw new ArgumentException("Not a valid id.", parameterName);
        }

        // Teams ids contain ':', '@', ';' and '=' (19:abc@thread.tacv2;messageid=1); Direct Line ids contain '|'.
        return Uri.EscapeDataString(value);
    }

    private static ConnectorClientOptions EnsureValid(ConnectorClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.EnsureValid();
        return options;
    }

    /// <summary>What one attempt produced: a response (any status) or a failure (timeout, network).</summary>
    private readonly record struct AttemptOutcome(
        HttpStatusCode? StatusCode, TimeSpan? RetryAfter, string? Body, ErrorResponse? Error, Exception? Failure)
    {
        /// <summary>The request carried a bearer token (so a 401/403 may mean that token is stale).</summary>
        public bool SentToken { get; init; }

        public bool IsSuccess => StatusCode is { } status && (int)status is >= 200 and <= 299;

        public bool IsTransient => StatusCode switch
        {
            null => true,
            HttpStatusCode.TooManyRequests
                or HttpStatusCode.PreconditionFailed
                or HttpStatusCode.BadGateway
                or HttpStatusCode.ServiceUnavailable
                or HttpStatusCode.GatewayTimeout => true,
            _ => false,
        };

        public string Describe() => StatusCode switch
        {
            { } status => $"HTTP {(int)status} ({status})",
            null when Failure is OperationCanceledException => "attempt timed out",
            _ => $"network error: {Failure?.Message}",
        };
    }
}
