using System.Net;
using CaaBot.DirectLine.Tests.Support;

namespace CaaBot.DirectLine.Tests.Api;

public sealed class SecurityTests
{
    [Fact]
    public async Task Preflight_FromAConfiguredOrigin_IsAllowedWithTheDirectLineHeaders()
    {
        await using var host = await DirectLineTestHost.StartAsync(new() { ["CaaBot:DirectLine:AllowedOrigins:0"] = "https://intranet.example" });
        using var request = new HttpRequestMessage(HttpMethod.Options, "/v3/directline/conversations");
        request.Headers.Add("Origin", "https://intranet.example");
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,x-ms-bot-agent");

        using var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("https://intranet.example", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("x-ms-bot-agent", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Headers")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_FromAnOriginNotConfigured_AreRefusedWith403()
    {
        await using var host = await DirectLineTestHost.StartAsync(new() { ["CaaBot:DirectLine:AllowedOrigins:0"] = "https://intranet.example" });
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/v3/directline/tokens/generate");
        preflight.Headers.Add("Origin", "https://evil.example");

        using var preflightResponse = await host.Client.SendAsync(preflight);
        using var generate = await host.PostJsonAsync("/v3/directline/tokens/generate", null, token: null, origin: "https://evil.example");
        using var sameOrigin = await host.PostJsonAsync("/v3/directline/tokens/generate", null, token: null, origin: "http://localhost");

        Assert.Equal(HttpStatusCode.Forbidden, preflightResponse.StatusCode);
        Assert.False(preflightResponse.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Equal(HttpStatusCode.Forbidden, generate.StatusCode);
        Assert.Equal(HttpStatusCode.OK, sameOrigin.StatusCode);
    }

    [Fact]
    public async Task Requests_OverThePerTokenLimit_Get429WithRetryAfter()
    {
        await using var host = await DirectLineTestHost.StartAsync(new() { ["CaaBot:DirectLine:RateLimit:PermitsPerToken"] = "3" });
        var token = await GenerateTokenAsync(host);
        var otherToken = await GenerateTokenAsync(host);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await host.PostJsonAsync("/v3/directline/tokens/refresh", null, token);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
            }
        }

        using var withOtherToken = await host.PostJsonAsync("/v3/directline/tokens/refresh", null, otherToken);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, withOtherToken.StatusCode);
    }

    [Fact]
    public async Task Requests_OverThePerAddressLimit_Get429()
    {
        await using var host = await DirectLineTestHost.StartAsync(new() { ["CaaBot:DirectLine:RateLimit:PermitsPerAddress"] = "2" });

        using var first = await host.PostJsonAsync("/v3/directline/tokens/generate", null, token: null);
        using var second = await host.PostJsonAsync("/v3/directline/tokens/generate", null, token: null);
        using var third = await host.PostJsonAsync("/v3/directline/tokens/generate", null, token: null);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
    }

    private static async Task<string> GenerateTokenAsync(DirectLineTestHost host)
    {
        using var response = await host.PostJsonAsync("/v3/directline/tokens/generate", null, token: null);
        return (await DirectLineTestHost.ReadAsync(response)).GetProperty("token").GetString()!;
    }

    [Fact]
    public async Task Start_WithTheSecretAndNoUser_StartsAConversationForARandomUser()
    {
        await using var host = await DirectLineTestHost.StartAsync(new() { ["CaaBot:DirectLine:Secret"] = "s3cret-for-tests" });

        using var response = await host.PostJsonAsync("/v3/directline/conversations", null, "s3cret-for-tests");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.StartsWith("dl_", (await DirectLineTestHost.ReadAsync(response)).GetProperty("userId").GetString(), StringComparison.Ordinal);
    }
}
