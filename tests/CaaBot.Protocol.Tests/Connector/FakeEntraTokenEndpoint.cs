using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Web;
using Microsoft.Identity.Client;

namespace CaaBot.Protocol.Tests.Connector;

/// <summary>
/// Entra ID's token endpoints as MSAL reaches them, in process: every request MSAL really sends is recorded with its
/// headers and form fields, and answered by <c>respond</c>. Plugged in through MSAL's own HTTP client factory.
/// </summary>
internal sealed class FakeEntraTokenEndpoint(Func<FakeEntraTokenEndpoint.Request, HttpResponseMessage> respond) : HttpMessageHandler, IMsalHttpClientFactory
{
    public ConcurrentQueue<Request> Requests { get; } = new();

    public HttpClient GetHttpClient() => new(this, disposeHandler: false);

    public static HttpResponseMessage Token(string accessToken, int expiresInSeconds = 3600) => Json(
        HttpStatusCode.OK,
        $$"""{"token_type":"Bearer","expires_in":{{expiresInSeconds}},"ext_expires_in":{{expiresInSeconds}},"access_token":"{{accessToken}}"}""");

    public static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        var form = HttpUtility.ParseQueryString(body);
        var recorded = new Request(
            request.Method,
            request.RequestUri!,
            request.Headers.ToDictionary(header => header.Key, header => string.Join(",", header.Value), StringComparer.OrdinalIgnoreCase),
            form.AllKeys.Where(key => key is not null).ToDictionary(key => key!, key => form[key]!, StringComparer.Ordinal),
            HttpUtility.ParseQueryString(request.RequestUri!.Query));
        Requests.Enqueue(recorded);
        return respond(recorded);
    }

    internal sealed record Request(
        HttpMethod Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, IReadOnlyDictionary<string, string> Form, System.Collections.Specialized.NameValueCollection Query);
}
