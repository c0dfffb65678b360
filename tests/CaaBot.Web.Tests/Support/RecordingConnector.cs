using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace CaaBot.Web.Tests.Support;

/// <summary>Plays the channel's Connector API: records every request and answers 200 with a fresh activity id.</summary>
internal sealed class RecordingConnector : HttpMessageHandler
{
    private int _nextId;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Enqueue(new RecordedRequest(request.Method, request.RequestUri!, request.Headers.Authorization?.ToString(), body));
        var id = Interlocked.Increment(ref _nextId);
        return new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent($$"""{"id":"reply-{{id}}"}""", Encoding.UTF8, "application/json"),
        };
    }
}

internal sealed record RecordedRequest(HttpMethod Method, Uri Uri, string? Authorization, string? Body);
