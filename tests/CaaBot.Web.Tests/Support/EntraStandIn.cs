using System.Collections.Concurrent;
using System.Collections.Specialized;
using System.Net;
using System.Text;
using System.Web;

namespace CaaBot.Web.Tests.Support;

/// <summary>Entra's token endpoint for the test tenant: checks the form and issues numbered tokens (<c>bot-token-1</c>, …) to the test app.</summary>
internal sealed class EntraStandIn(string secret) : HttpMessageHandler
{
    public const string AuthorityHost = "https://login.entra.test/";

    private int _issued;

    public ConcurrentQueue<(string Path, NameValueCollection Form)> Requests { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var form = HttpUtility.ParseQueryString(request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken));
        Requests.Enqueue((request.RequestUri!.AbsolutePath, form));
        var known = request.RequestUri.Host == new Uri(AuthorityHost).Host && form["client_id"] == ChannelIdentity.AppId && form["client_secret"] == secret;
        var json = known
            ? $$"""{"token_type":"Bearer","expires_in":3600,"ext_expires_in":3600,"access_token":"bot-token-{{Interlocked.Increment(ref _issued)}}"}"""
            : """{"error":"invalid_client","error_description":"unknown client"}""";
        return new HttpResponseMessage(known ? HttpStatusCode.OK : HttpStatusCode.Unauthorized) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
    }
}
