using System.Net;
using CaaBot.Protocol.Authentication;
using CaaBot.Protocol.Connector;
using CaaBot.Protocol.Schema;
using CaaBot.Web.Authentication;
using CaaBot.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CaaBot.Web.Tests.Authentication;

/// <summary>
/// The host's replies with a real registration configured: the bot's token comes from Entra (a local stand-in that
/// checks what it receives) and goes only to channel hosts an authenticated request came from.
/// </summary>
public sealed class OutboundAuthenticationTests
{
    private const string TenantId = ChannelIdentity.TenantId;
    private const string AppId = ChannelIdentity.AppId;
    private const string Secret = "test-only-client-secret";
    private static readonly ChannelIdentity Identity = new();

    [Fact]
    public async Task GenuineChannelRequest_ReplyCarriesTheTokenEntraIssuedForTheBotFrameworkScope()
    {
        var entra = new EntraStandIn(Secret);
        using var host = RegisteredHost(entra);
        try
        {
            using var response = await Activities.PostAsync(
                host.CreateClient(), Activities.Message("c-1", "1", "hi", deliveryMode: null), "Bearer " + Identity.ChannelToken(Activities.ServiceUrl));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var reply = Assert.Single(host.Connector.Requests);
            Assert.StartsWith(Activities.ServiceUrl, reply.Uri.AbsoluteUri, StringComparison.Ordinal);
            Assert.Equal("Bearer bot-token-1", reply.Authorization);
            // Usually one request; a typing indicator of a slow first turn may ask at the same moment (caching is pinned in Protocol.Tests).
            Assert.NotEmpty(entra.Requests);
            Assert.All(entra.Requests, tokenRequest =>
            {
                Assert.Equal($"/{TenantId}/oauth2/v2.0/token", tokenRequest.Path);
                Assert.Equal(("client_credentials", AppId, Secret), (tokenRequest.Form["grant_type"], tokenRequest.Form["client_id"], tokenRequest.Form["client_secret"]));
                Assert.Contains("https://api.botframework.com/.default", tokenRequest.Form["scope"], StringComparison.Ordinal);
            });
        }
        finally
        {
            host.DeleteData();
        }
    }

    [Fact]
    public async Task ProactiveSendToAHostNoRequestCameFrom_IsRefusedAndNothingLeaves()
    {
        var entra = new EntraStandIn(Secret);
        using var host = RegisteredHost(entra);
        try
        {
            using var _ = await Activities.PostAsync(host.CreateClient(), Activities.Message("c-1", "1", "hi"), "Bearer " + Identity.ChannelToken(Activities.ServiceUrl));
            var connector = host.Services.GetRequiredService<ConnectorClient>();

            await Assert.ThrowsAsync<UntrustedServiceUrlException>(() => connector.SendToConversationAsync(
                new Uri("https://attacker.example/"), "c-1", new Activity { Type = ActivityTypes.Message, Text = "follow-up" }));
            var trusted = await connector.SendToConversationAsync(new Uri(Activities.ServiceUrl), "c-1", new Activity { Type = ActivityTypes.Message, Text = "follow-up" });

            Assert.NotNull(trusted.Id);
            Assert.DoesNotContain(host.Connector.Requests, request => request.Uri.Host == "attacker.example");
        }
        finally
        {
            host.DeleteData();
        }
    }

    [Theory]
    [InlineData(null, Secret, "MicrosoftAppTenantId")]
    [InlineData(TenantId, null, "MicrosoftAppPassword")]
    public void IncompleteRegistration_HostRefusesToStartNamingWhatIsMissing(string? tenantId, string? secret, string missing)
    {
        using var host = new CaaBotHost(environment: "Production", settings: new()
        {
            ["MicrosoftAppId"] = AppId,
            ["MicrosoftAppType"] = "SingleTenant",
            ["MicrosoftAppTenantId"] = tenantId,
            ["MicrosoftAppPassword"] = secret,
        });

        var failure = Assert.ThrowsAny<Exception>(() => host.CreateClient());

        Assert.Contains(missing, failure.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, failure.ToString(), StringComparison.Ordinal);
        host.DeleteData();
    }

    [Fact]
    public void UnknownAppType_HostRefusesToStart()
    {
        using var host = new CaaBotHost(environment: "Production", settings: new() { ["MicrosoftAppId"] = AppId, ["MicrosoftAppType"] = "Federated" });

        var failure = Assert.ThrowsAny<Exception>(() => host.CreateClient());

        Assert.Contains("MicrosoftAppType must be SingleTenant, MultiTenant or UserAssignedMSI", failure.ToString(), StringComparison.Ordinal);
        host.DeleteData();
    }

    private static CaaBotHost RegisteredHost(EntraStandIn entra) => new(
        environment: "Production",
        settings: new()
        {
            ["MicrosoftAppId"] = AppId,
            ["MicrosoftAppType"] = "SingleTenant",
            ["MicrosoftAppTenantId"] = TenantId,
            ["MicrosoftAppPassword"] = Secret,
            ["CaaBot:OutboundAuthentication:AuthorityHost"] = "https://login.entra.test/",
        },
        overrides: services =>
        {
            Identity.Install(services);
            services.AddHttpClient(MsalHttpClientFactory.ClientName).ConfigurePrimaryHttpMessageHandler(() => entra);
        });
}
