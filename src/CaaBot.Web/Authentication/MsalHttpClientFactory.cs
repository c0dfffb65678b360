using Microsoft.Identity.Client;

namespace CaaBot.Web.Authentication;

/// <summary>MSAL's HTTP through the host's <see cref="IHttpClientFactory"/> (pooled handlers, replaceable in tests).</summary>
public sealed class MsalHttpClientFactory(IHttpClientFactory httpClientFactory) : IMsalHttpClientFactory
{
    public const string ClientName = "CaaBot.Entra";

    public HttpClient GetHttpClient() => httpClientFactory.CreateClient(ClientName);
}
