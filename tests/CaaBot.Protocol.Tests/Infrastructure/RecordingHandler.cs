using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace CaaBot.Protocol.Tests.Infrastructure;

/// <summary>One request as the fake Connector saw it.</summary>
internal sealed record RecordedRequest(HttpMethod Method, Uri Uri, string? Authorization, string? ContentType, string? Body);

/// <summary>A fake Connector: records each request and answers with <c>respond(request, attemptNumber, ct)</c>.</summary>
internal sealed class RecordingHandler(Func<RecordedRequest, int, CancellationToken, Task<HttpResponseMessage>> respond) : HttpMessageHandler
{
    private int _count;

    public RecordingHandler(Func<RecordedRequest, int, HttpResponseMessage> respond)
        : this((request, attempt, _) => Task.FromResult(respond(request, attempt)))
    {
    }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Released once per request, after it was recorded.</summary>
    public SemaphoreSlim Entered { get; } = new(0);

    public static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    public static HttpResponseMessage Throttled(RetryConditionHeaderValue? retryAfter, HttpStatusCode status = HttpStatusCode.TooManyRequests)
    {
        var response = Json(status, """{"error":{"code":"Throttled","message":"Too many requests."}}""");
        response.Headers.RetryAfter = retryAfter;
        return response;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var recorded = new RecordedRequest(
            request.Method,
            request.RequestUri!,
            request.Headers.Authorization?.ToString(),
            request.Content?.Headers.ContentType?.ToString(),
            body);
        Requests.Enqueue(recorded);
        var attempt = Interlocked.Increment(ref _count);
        Entered.Release();
        return await respond(recorded, attempt, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Entered.Dispose();
        }

        base.Dispose(disposing);
    }
}
