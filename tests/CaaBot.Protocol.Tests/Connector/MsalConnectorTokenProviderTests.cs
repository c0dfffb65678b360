using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CaaBot.Protocol.Authentication;
using CaaBot.Protocol.Connector;
using CaaBot.Protocol.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CaaBot.Protocol.Tests.Connector;

public sealed class MsalConnectorTokenProviderTests
{
    private const string AppId = "0b5e1a9e-8f3b-4c55-9a51-4c1f5a0f0c77";
    private const string TenantId = "7d1c9f0e-1111-4a2b-9c3d-0123456789ab";
    private const string Secret = "s3cr3t-value-that-must-never-be-logged";
    private static readonly Uri Teams = new("https://smba.trafficmanager.net/emea/");

    private readonly ManualTimeProvider _clock = new();

    [Fact]
    public async Task SingleTenantSecret_SendsClientCredentialsForTheBotFrameworkScopeToTheTenant_AndCachesTheToken()
    {
        var entra = new FakeEntraTokenEndpoint(_ => FakeEntraTokenEndpoint.Token("token-1"));
        var provider = await TrustedProviderAsync(new BotConnectorCredentials { AppId = AppId, TenantId = TenantId, ClientSecret = Secret }, entra);

        var first = await provider.GetTokenAsync(Teams, forceRefresh: false, CancellationToken.None);
        var second = await provider.GetTokenAsync(new Uri("https://smba.trafficmanager.net/amer/"), forceRefresh: false, CancellationToken.None);

        Assert.Equal(("token-1", "token-1"), (first, second));
        var request = Assert.Single(entra.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal($"https://login.microsoftonline.com/{TenantId}/oauth2/v2.0/token", request.Uri.GetLeftPart(UriPartial.Path));
        Assert.Equal("client_credentials", request.Form["grant_type"]);
        Assert.Equal(AppId, request.Form["client_id"]);
        Assert.Equal(Secret, request.Form["client_secret"]);
        Assert.Contains("https://api.botframework.com/.default", request.Form["scope"].Split(' '));
    }

    [Fact]
    public async Task ForceRefresh_GoesPastTheCache()
    {
        var issued = 0;
        var entra = new FakeEntraTokenEndpoint(_ => FakeEntraTokenEndpoint.Token($"token-{Interlocked.Increment(ref issued)}"));
        var provider = await TrustedProviderAsync(new BotConnectorCredentials { AppId = AppId, TenantId = TenantId, ClientSecret = Secret }, entra);

        await provider.GetTokenAsync(Teams, forceRefresh: false, CancellationToken.None);
        var refreshed = await provider.GetTokenAsync(Teams, forceRefresh: true, CancellationToken.None);
        var cached = await provider.GetTokenAsync(Teams, forceRefresh: false, CancellationToken.None);

        Assert.Equal(("token-2", "token-2"), (refreshed, cached));
        Assert.Equal(2, entra.Requests.Count);
    }

    [Fact]
    public async Task TokenCloseToExpiry_IsReplacedBeforeItExpires()
    {
        // Two minutes left is inside MSAL's five-minute margin: the next call fetches a new token instead of using it.
        var issued = 0;
        var entra = new FakeEntraTokenEndpoint(_ => FakeEntraTokenEndpoint.Token($"token-{Interlocked.Increment(ref issued)}", expiresInSeconds: 120));
        var provider = await TrustedProviderAsync(new BotConnectorCredentials { AppId = AppId, TenantId = TenantId, ClientSecret = Secret }, entra);

        var first = await provider.GetTokenAsync(Teams, forceRefresh: false, CancellationToken.None);
        var second = await provider.GetTokenAsync(Teams, forceRefresh: false, CancellationToken.None);

        Assert.Equal(("token-1", "token-2"), (first, second));
    }

    [Fact]
    public async Task MultiTenant_AsksTheBotFrameworkTenant()
    {
        var entra = new FakeEntraTokenEndpoint(_ => FakeEntraTokenEndpoint.Token("token-mt"));
        var provider = await TrustedProviderAsync(new BotConnectorCredentials { AppId = AppId, AppType = BotAppType.MultiTenant, ClientSecret = Secret }, entra);

        await provider.GetTokenAsync(Teams, forceRefresh: false, CancellationToken.None);

        Assert.Equal("https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token", Assert.Single(entra.Requests).Uri.GetLeftPart(UriPartial.Path));
    }

    [Fact]
    public async Task Certificate_SignsAClientAssertionTheEndpointCanVerifyAndSendsNoSecret()
    {
        using var rsa = RSA.Create(2048);
        using var certificate = new CertificateRequest("CN=caabot-test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var entra = new FakeEntraTokenEndpoint(_ => FakeEntraTokenEndpoint.Token("token-cert"));
        var provider = await TrustedProviderAsync(new BotConnectorCredentials { AppId = AppId, TenantId = TenantId, Certificate = certificate }, entra);

        Assert.Equal("token-cert", await provider.GetTokenAsync(Teams, forceRefresh: false, CancellationToken.None));

        var request = Assert.Single(entra.Requests);
        Assert.False(request.Form.ContainsKey("client_secret"));
        Assert.Equal("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", request.Form["client_assertion_type"]);
        using var publicOnly = X509CertificateLoader.LoadCertificate(certificate.Export(X509ContentType.Cert));
        var validation = await new JsonWebTokenHandler().ValidateTokenAsync(request.Form["client_assertion"], new TokenValidationParameters
        {
            IssuerSigningKey = new X509SecurityKey(publicOnly),
            ValidIssuer = AppId,
            ValidAudience = $"https://login.microsoftonline.com/{TenantId}/oauth2/v2.0/token",
        });
        Assert.True(validation.IsValid, validation.Exception?.Message);
        Assert.Equal(AppId, validation.Claims["sub"]);
    }

    [Fact]
    public async Task UntrustedServiceUrl_IsRefusedBeforeAnyTokenIsFetched()
    {
        var entra = new FakeEntraTokenEndpoint(_ => FakeEntraTokenEndpoint.Token("token-1"));
        var provider = await TrustedProviderAsync(new BotConnectorCredentials { AppId = AppId, TenantId = TenantId, ClientSecret = Secret }, entra);

        var refused = await Assert.ThrowsAsync<UntrustedServiceUrlException>(() => provider.GetTokenAsync(new Uri("https://attacker.example/"), false, CancellationToken.None));

        Assert.Equal("attacker.example", refused.ServiceUrl.Host);
        Assert.Empty(entra.Requests);
    }

    [Fact]
    public async Task WrongSecret_FailsWithTheErrorCodeAndNeverTheSecret()
    {
        var entra = new FakeEntraTokenEndpoint(_ => FakeEntraTokenEndpoint.Json(
            HttpStatusCode.Unauthorized,
            """{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided.","error_codes":[7000215]}"""));
        var provider = await TrustedProviderAsync(new BotConnectorCredentials { AppId = AppId, TenantId = TenantId, ClientSecret = Secret }, entra);

        var failure = await Assert.ThrowsAsync<ConnectorTokenException>(() => provider.GetTokenAsync(Teams, false, CancellationToken.None));

        Assert.Contains("invalid_client", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, failure.Message, StringComparison.Ordinal);
    }

    public static TheoryData<BotConnectorCredentials, string> Incomplete => new()
    {
        { new BotConnectorCredentials { AppId = "caabot", TenantId = TenantId, ClientSecret = Secret }, "GUID" },
        { new BotConnectorCredentials { AppId = AppId, ClientSecret = Secret }, "MicrosoftAppTenantId" },
        { new BotConnectorCredentials { AppId = AppId, TenantId = TenantId }, "MicrosoftAppPassword" },
        { new BotConnectorCredentials { AppId = AppId, AppType = BotAppType.UserAssignedMSI }, "MicrosoftAppTenantId" },
    };

    [Theory]
    [MemberData(nameof(Incomplete))]
    public void IncompleteCredentials_AreRefusedUpFrontNamingWhatIsMissing(BotConnectorCredentials credentials, string named)
    {
        var failure = Assert.Throws<InvalidOperationException>(() => new MsalConnectorTokenProvider(
            credentials, new InMemoryServiceUrlTrust(_clock, TimeSpan.FromDays(1)), null, NullLogger<MsalConnectorTokenProvider>.Instance));

        Assert.Contains(named, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, failure.Message, StringComparison.Ordinal);
    }

    private async Task<MsalConnectorTokenProvider> TrustedProviderAsync(BotConnectorCredentials credentials, FakeEntraTokenEndpoint entra)
    {
        var trust = new InMemoryServiceUrlTrust(_clock, TimeSpan.FromDays(1));
        await trust.TrustAsync(Teams, CancellationToken.None);
        return new MsalConnectorTokenProvider(credentials, trust, entra, NullLogger<MsalConnectorTokenProvider>.Instance);
    }
}
