using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace CaaBot.Web.Tests.Support;

/// <summary>
/// Plays the channel's Connector API: records every request and answers 200 with a fresh activity id. Typing
/// indicators are kept apart from <see cref="Requests"/>: the host sends them only when a turn happens to be slow
/// (a cold start on a busy machine), so counting them would make tests depend on timing.
/// </summary>
internal sealed class RecordingConnector : HttpMessageHandler
{
    private int _nextId;

    /// <summary>The body to answer a request with instead of <c>{"id":"reply-N"}</c> (given the request and that id), or null for the usual.</summary>
    public Func<RecordedRequest, string?>? AnswerWith { get; set; }

    /// <summary>Everything but typing indicators, in arrival order.</summary>
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Every request, typing indicators included, in arrival order.</summary>
    public ConcurrentQueue<RecordedRequest> All { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var id = Interlocked.Increment(ref _nextId);
        var recorded = new RecordedRequest(request.Method, request.RequestUri!, request.Headers.Authorization?.ToString(), body, "reply-" + id);
        All.Enqueue(recorded);
        if (body?.Contains("\"type\":\"typing\"", StringComparison.Ordinal) != true)
        {
            Requests.Enqueue(recorded);
        }

        return new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent(AnswerWith?.Invoke(recorded) ?? $$"""{"id":"reply-{{id}}"}""", Encoding.UTF8, "application/json"),
        };
    }
}

/// <param name="AnsweredId">The activity id the connector answered with.</param>
internal sealed record RecordedRequest(HttpMethod Method, Uri Uri, string? Authorization, string? Body, string? AnsweredId = null);
