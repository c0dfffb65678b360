using System.Globalization;
using System.Net;
using CaaBot.Protocol.Authentication;
using CaaBot.Protocol.Connector;
using CaaBot.Protocol.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace CaaBot.Protocol.Tests.Connector;

/// <summary>
/// A user-assigned managed identity on App Service: MSAL finds the identity endpoint in <c>IDENTITY_ENDPOINT</c> and
/// <c>IDENTITY_HEADER</c> (as App Service sets them). The variables are process-wide, so this class runs alone.
/// </summary>
[Collection(nameof(ManagedIdentityEnvironment))]
public sealed class ManagedIdentityTokenProviderTests : IDisposable
{
    private const string ClientId = "3c2b1a09-8f7e-4d6c-9b5a-112233445566";
    private const string IdentityHeader = "identity-header-from-app-service";
    private static readonly Uri Teams = new("https://smba.trafficmanager.net/emea/");

    public ManagedIdentityTokenProviderTests()
    {
        Environment.SetEnvironmentVariable("IDENTITY_ENDPOINT", "http://127.0.0.1:41234/msi/token");
        Environment.SetEnvironmentVariable("IDENTITY_HEADER", IdentityHeader);
    }

    [Fact]
    public async Task UserAssignedIdentity_AsksTheIdentityEndpointForTheBotFrameworkResourceWithItsClientId()
    {
        var expiresOn = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var endpoint = new FakeEntraTokenEndpoint(_ => FakeEntraTokenEndpoint.Json(
            HttpStatusCode.OK,
            $$"""{"access_token":"msi-token","expires_on":"{{expiresOn}}","resource":"https://api.botframework.com","token_type":"Bearer","client_id":"{{ClientId}}"}"""));
        var trust = new InMemoryServiceUrlTrust(new ManualTimeProvider(), TimeSpan.FromDays(1));
        await trust.TrustAsync(Teams, CancellationToken.None);
        var provider = new MsalConnectorTokenProvider(
            new BotConnectorCredentials { AppId = ClientId, AppType = BotAppType.UserAssignedMSI, TenantId = "7d1c9f0e-1111-4a2b-9c3d-0123456789ab" },
            trust,
            endpoint,
            NullLogger<MsalConnectorTokenProvider>.Instance);

        var token = await provider.GetTokenAsync(Teams, forceRefresh: false, CancellationToken.None);
        var again = await provider.GetTokenAsync(Teams, forceRefresh: false, CancellationToken.None);

        Assert.Equal(("msi-token", "msi-token"), (token, again));
        var request = Assert.Single(endpoint.Requests);
        Assert.Equal("http://127.0.0.1:41234/msi/token", request.Uri.GetLeftPart(UriPartial.Path));
        Assert.Equal("https://api.botframework.com", request.Query["resource"]);
        Assert.Equal(ClientId, request.Query["client_id"]);
        Assert.Equal(IdentityHeader, request.Headers["X-IDENTITY-HEADER"]);
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("IDENTITY_ENDPOINT", null);
        Environment.SetEnvironmentVariable("IDENTITY_HEADER", null);
    }
}

[CollectionDefinition(nameof(ManagedIdentityEnvironment), DisableParallelization = true)]
public sealed class ManagedIdentityEnvironment;
