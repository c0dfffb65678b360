using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace CaaBot.Helpdesk.Connectors.Http;

/// <summary>
/// Sends one request to a helpdesk system with a bounded timeout and turns every failure into a
/// <see cref="HelpdeskDeliveryException"/>: 400, 401, 403, 404, 405, 409, 410, 413, 415 and 422 (and any other 4xx)
/// are permanent (retrying sends the same refused request); 408, 425, 429, 5xx, timeouts and network errors are
/// transient, with the system's <c>Retry-After</c> (seconds or an HTTP date) kept on the exception.
/// </summary>
internal static class ConnectorHttp
{
    /// <summary>Sends <paramref name="request"/> (and disposes it); returns the buffered, successful response.</summary>
    public static async Task<HttpResponseMessage> SendAsync(
        HttpClient client,
        HttpRequestMessage request,
        ConnectorCall call,
        CancellationToken cancellationToken)
    {
        using (request)
        {
            using var timeout = new CancellationTokenSource(call.Timeout, call.Clock);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            HttpResponseMessage response;
            try
            {
                // ResponseContentRead: the body is read under the same timeout, so a server that stalls mid-body times out too.
                response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
            {
                ConnectorLog.RequestTimedOut(call.Logger, call.Connector, call.Operation, call.Timeout);
                throw new HelpdeskDeliveryException(
                    $"{call.Connector}: {call.Operation} timed out after {call.Timeout.TotalSeconds:0.###} s; the system may still have done it",
                    isPermanent: false,
                    exception);
            }
            catch (HttpRequestException exception)
            {
                ConnectorLog.RequestFailed(call.Logger, call.Connector, call.Operation, exception.HttpRequestError.ToString());
                throw new HelpdeskDeliveryException(
                    $"{call.Connector}: {call.Operation} could not reach the system ({exception.HttpRequestError})",
                    isPermanent: false,
                    exception);
            }

            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            using (response)
            {
                var status = (int)response.StatusCode;
                var permanent = IsPermanent(response.StatusCode);
                var retryAfter = permanent ? null : RetryAfter(response.Headers.RetryAfter, call.Clock);
                ConnectorLog.RequestRefused(call.Logger, call.Connector, call.Operation, status, permanent);
                throw new HelpdeskDeliveryException(
                    $"{call.Connector}: {call.Operation} answered {status} {response.ReasonPhrase}" + Explain(response.StatusCode),
                    permanent)
                {
                    RetryAfter = retryAfter,
                };
            }
        }
    }

    /// <summary>Sends and parses the JSON answer; a successful answer that is not JSON is transient (a proxy's page, a cut-off body).</summary>
    public static async Task<JsonDocument> SendForJsonAsync(
        HttpClient client,
        HttpRequestMessage request,
        ConnectorCall call,
        CancellationToken cancellationToken)
    {
        using var response = await SendAsync(client, request, call, cancellationToken).ConfigureAwait(false);
        return await ReadJsonAsync(response, call, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response, ConnectorCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                return await JsonDocument.ParseAsync(stream, default, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (JsonException exception)
        {
            throw new HelpdeskDeliveryException($"{call.Connector}: {call.Operation} answered {(int)response.StatusCode} with a body that is not JSON", isPermanent: false, exception);
        }
    }

    /// <summary>A JSON answer that lacks a field we need: transient, because the record may exist and a retry finds it.</summary>
    public static HelpdeskDeliveryException UnexpectedAnswer(ConnectorCall call, string what) =>
        new($"{call.Connector}: {call.Operation} answered without {what}", isPermanent: false);

    public static bool IsPermanent(HttpStatusCode status) => (int)status switch
    {
        408 or 425 or 429 => false,
        >= 400 and < 500 => true,
        _ => false,
    };

    public static TimeSpan? RetryAfter(RetryConditionHeaderValue? header, TimeProvider clock)
    {
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - clock.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    private static string Explain(HttpStatusCode status) => (int)status switch
    {
        401 => " (the credentials were refused: check the user name, password or token)",
        403 => " (the account may not do this: check its roles)",
        404 => " (check the base URL and the configured ids)",
        400 or 422 => " (the system refused the fields sent: check the configured ids and required fields)",
        429 => " (rate limited)",
        _ => string.Empty,
    };
}
