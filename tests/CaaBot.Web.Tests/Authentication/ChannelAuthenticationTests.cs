using System.Net;
using CaaBot.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CaaBot.Web.Tests.Authentication;

public sealed class ChannelAuthenticationTests
{
    private const string AppId = ChannelIdentity.AppId;
    private static readonly ChannelIdentity Identity = new();

    [Theory]
    [InlineData("Production", false, HttpStatusCode.Unauthorized)]
    [InlineData("Production", true, HttpStatusCode.OK)]
    [InlineData("Staging", false, HttpStatusCode.Unauthorized)]
    [InlineData("Development", false, HttpStatusCode.OK)]
    public async Task NoAppId_AnonymousOnlyInDevelopmentOrWhenOptedIn(string environment, bool allowAnonymous, HttpStatusCode expected)
    {
        using var host = new CaaBotHost(environment: environment, settings: new() { ["CaaBot:AllowAnonymous"] = allowAnonymous ? "true" : "false" });

        using var response = await Activities.PostAsync(host.CreateClient(), Activities.Message("c", "1", "hi"));

        Assert.Equal(expected, response.StatusCode);
        host.DeleteData();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer garbage")]
    [InlineData("Basic dXNlcjpwYXNz")]
    public async Task AppIdConfigured_WithoutValidToken_Returns401EvenInDevelopmentWithAllowAnonymous(string? authorization)
    {
        using var host = TokenRequiredHost(environment: "Development", allowAnonymous: true);

        using var response = await Activities.PostAsync(host.CreateClient(), Activities.Message("c", "1", "hi", deliveryMode: null), authorization);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(host.Connector.Requests);
        host.DeleteData();
    }

    [Fact]
    public async Task AppIdConfigured_MissingHeader_RefusedBeforeTheBodyIsRead()
    {
        using var host = TokenRequiredHost();

        using var response = await host.CreateClient().PostAsync("/api/messages", new StringContent("{not even json", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        host.DeleteData();
    }

    [Fact]
    public async Task AppIdConfigured_GenuineChannelToken_RunsTheTurn()
    {
        using var host = TokenRequiredHost();

        using var response = await Activities.PostAsync(host.CreateClient(), Activities.Message("c", "1", "hi"), "Bearer " + Identity.ChannelToken(Activities.ServiceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        host.DeleteData();
    }

    [Fact]
    public async Task AppIdConfigured_TokenForAnotherServiceUrl_Returns403()
    {
        using var host = TokenRequiredHost();

        using var response = await Activities.PostAsync(host.CreateClient(), Activities.Message("c", "1", "hi", deliveryMode: null), "Bearer " + Identity.ChannelToken("https://attacker.example/"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(host.Connector.Requests);
        host.DeleteData();
    }

    private static CaaBotHost TokenRequiredHost(string environment = "Production", bool allowAnonymous = false) => new(
        environment: environment,
        settings: new()
        {
            ["MicrosoftAppId"] = AppId,
            ["MicrosoftAppType"] = "SingleTenant",
            ["MicrosoftAppTenantId"] = ChannelIdentity.TenantId,
            ["MicrosoftAppPassword"] = "test-only-client-secret",
            ["CaaBot:AllowAnonymous"] = allowAnonymous ? "true" : "false",
        },
        overrides: Identity.Install);
}
