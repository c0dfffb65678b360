using System.Net;
using System.Security.Cryptography;
using CaaBot.Conversations.Testing.Time;
using CaaBot.DirectLine.Configuration;
using CaaBot.DirectLine.Identity;
using CaaBot.DirectLine.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace CaaBot.DirectLine.Tests.Identity;

public sealed class IdentityTests : IDisposable
{
    private const string Issuer = "https://login.example.test/tenant/v2.0";
    private const string Audience = "intranet-app";
    private readonly RSA _rsa = RSA.Create(2048);
    private readonly RsaSecurityKey _key;

    public IdentityTests() => _key = new RsaSecurityKey(_rsa) { KeyId = "test-key" };

    public void Dispose() => _rsa.Dispose();

    [Fact]
    public async Task Generate_WithTrustedHeader_StableUserIdDerivedFromTheHeader()
    {
        await using var host = await DirectLineTestHost.StartAsync(new()
        {
            ["CaaBot:DirectLine:TrustedUserHeader"] = "X-Remote-User",
            ["CaaBot:DirectLine:AllowAnonymous"] = "false",
        });

        var first = await GenerateAsync(host, request => request.Headers.Add("X-Remote-User", "ada@contoso.example"));
        var again = await GenerateAsync(host, request => request.Headers.Add("X-Remote-User", "ADA@contoso.example"));
        var other = await GenerateAsync(host, request => request.Headers.Add("X-Remote-User", "grace@contoso.example"));
        using var without = await host.PostJsonAsync("/v3/directline/tokens/generate", null, token: null);

        Assert.StartsWith("hdr:", first, StringComparison.Ordinal);
        Assert.DoesNotContain("ada", first, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
    }

    [Fact]
    public async Task Generate_WithValidIdToken_UserIsTheEntraObjectId()
    {
        await using var host = await StartWithOidcAsync();

        var userId = await GenerateAsync(host, request => request.Headers.Authorization = new("Bearer", IdToken(host.Clock, Audience, "00000000-aaaa-bbbb-cccc-000000000042")));

        Assert.Equal("aad:00000000-aaaa-bbbb-cccc-000000000042", userId);
    }

    [Theory]
    [InlineData("wrong-audience")]
    [InlineData("expired")]
    [InlineData("foreign-key")]
    public async Task Generate_WithBadIdToken_Returns401(string problem)
    {
        await using var host = await StartWithOidcAsync();
        using var foreignRsa = RSA.Create(2048);
        var token = problem switch
        {
            "wrong-audience" => IdToken(host.Clock, "another-app", "oid-1"),
            "foreign-key" => IdToken(host.Clock, Audience, "oid-1", new RsaSecurityKey(foreignRsa) { KeyId = "test-key" }),
            _ => IdToken(host.Clock, Audience, "oid-1"),
        };
        if (problem == "expired")
        {
            host.Clock.Advance(TimeSpan.FromHours(2));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/tokens/generate");
        request.Headers.Authorization = new("Bearer", token);
        using var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private async Task<DirectLineTestHost> StartWithOidcAsync()
    {
        var clock = new ManualTimeProvider();
        var metadata = new OpenIdConnectConfiguration { Issuer = Issuer };
        metadata.SigningKeys.Add(_key);
        var oidc = new DirectLineOidcOptions { Authority = Issuer, Audience = Audience };
        return await DirectLineTestHost.StartAsync(
            new() { ["CaaBot:DirectLine:AllowAnonymous"] = "false" },
            services => services.AddSingleton(new OidcIdTokenValidator(oidc, new StaticConfigurationManager<OpenIdConnectConfiguration>(metadata), clock)),
            clock: clock);
    }

    private string IdToken(ManualTimeProvider clock, string audience, string oid, SecurityKey? key = null) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            IssuedAt = clock.GetUtcNow().UtcDateTime,
            NotBefore = clock.GetUtcNow().UtcDateTime,
            Expires = clock.GetUtcNow().UtcDateTime.AddHours(1),
            Claims = new Dictionary<string, object> { ["oid"] = oid, ["sub"] = "subject-1", ["name"] = "Ada Lovelace" },
            SigningCredentials = new SigningCredentials(key ?? _key, SecurityAlgorithms.RsaSha256),
        });

    private static async Task<string?> GenerateAsync(DirectLineTestHost host, Action<HttpRequestMessage> decorate)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/tokens/generate");
        decorate(request);
        using var response = await host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await DirectLineTestHost.ReadAsync(response)).GetProperty("userId").GetString();
    }
}
