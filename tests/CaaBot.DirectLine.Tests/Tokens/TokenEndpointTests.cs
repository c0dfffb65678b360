using System.Net;
using CaaBot.DirectLine.Tests.Support;

namespace CaaBot.DirectLine.Tests.Tokens;

public sealed class TokenEndpointTests
{
    [Fact]
    public async Task Generate_AnonymousInProductionWithoutSwitch_Returns401()
    {
        await using var host = await DirectLineTestHost.StartAsync(new() { ["CaaBot:DirectLine:AllowAnonymous"] = "false" });

        using var response = await host.PostJsonAsync("/v3/directline/tokens/generate", null, token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Generate_AnonymousInDevelopment_IssuesTokenForARandomUser()
    {
        await using var host = await DirectLineTestHost.StartAsync(new() { ["CaaBot:DirectLine:AllowAnonymous"] = "false" }, environment: "Development");

        using var first = await host.PostJsonAsync("/v3/directline/tokens/generate", null, token: null);
        using var second = await host.PostJsonAsync("/v3/directline/tokens/generate", null, token: null);

        var a = await DirectLineTestHost.ReadAsync(first);
        var b = await DirectLineTestHost.ReadAsync(second);
        Assert.Equal(1800, a.GetProperty("expires_in").GetInt32());
        Assert.StartsWith("dl_", a.GetProperty("userId").GetString(), StringComparison.Ordinal);
        Assert.NotEqual(a.GetProperty("userId").GetString(), b.GetProperty("userId").GetString());
        Assert.NotEqual(a.GetProperty("conversationId").GetString(), b.GetProperty("conversationId").GetString());
    }

    [Fact]
    public async Task Refresh_BeforeExpiry_NewTokenForTheSameConversationAndUser()
    {
        await using var host = await DirectLineTestHost.StartAsync();
        var session = await host.StartConversationAsync();
        host.Clock.Advance(TimeSpan.FromMinutes(29));

        using var response = await host.PostJsonAsync("/v3/directline/tokens/refresh", null, session.Token);

        var refreshed = await DirectLineTestHost.ReadAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(session.ConversationId, refreshed.GetProperty("conversationId").GetString());
        Assert.Equal(session.UserId, refreshed.GetProperty("userId").GetString());
        // The refreshed token outlives the old one.
        host.Clock.Advance(TimeSpan.FromMinutes(2));
        using var withOld = await host.GetAsync($"/v3/directline/conversations/{session.ConversationId}/activities", session.Token);
        using var withNew = await host.GetAsync($"/v3/directline/conversations/{session.ConversationId}/activities", refreshed.GetProperty("token").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, withOld.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withNew.StatusCode);
    }

    [Fact]
    public async Task Refresh_AfterThirtyMinutes_Returns403TokenExpired()
    {
        await using var host = await DirectLineTestHost.StartAsync();
        var session = await host.StartConversationAsync();
        host.Clock.Advance(TimeSpan.FromMinutes(30));

        using var response = await host.PostJsonAsync("/v3/directline/tokens/refresh", null, session.Token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("TokenExpired", (await DirectLineTestHost.ReadAsync(response)).GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Activities_TokenOfConversationA_Returns403OnConversationB()
    {
        await using var host = await DirectLineTestHost.StartAsync();
        var a = await host.StartConversationAsync();
        var b = await host.StartConversationAsync();

        using var read = await host.GetAsync($"/v3/directline/conversations/{b.ConversationId}/activities", a.Token);
        using var post = await host.PostJsonAsync($"/v3/directline/conversations/{b.ConversationId}/activities", new { type = "message", text = "hi" }, a.Token);
        using var reconnect = await host.GetAsync($"/v3/directline/conversations/{b.ConversationId}", a.Token);

        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, reconnect.StatusCode);
        Assert.DoesNotContain(host.Bot.Received, activity => activity.Text == "hi");
    }

    [Theory]
    [InlineData("tampered")]
    [InlineData("other-key")]
    [InlineData("stream-token")]
    [InlineData("garbage")]
    public async Task Activities_ForgedOrWrongKindOfToken_Returns401(string forgery)
    {
        await using var host = await DirectLineTestHost.StartAsync();
        var session = await host.StartConversationAsync();
        await using var otherHost = await DirectLineTestHost.StartAsync(new() { ["CaaBot:DirectLine:TokenSigningKey"] = "another deployment's key, also 32 bytes long" });
        var foreign = await otherHost.StartConversationAsync();
        var token = forgery switch
        {
            // Swap the payload of another conversation in, keeping this token's signature.
            "tampered" => $"{foreign.Token[..foreign.Token.LastIndexOf('.')]}{session.Token[session.Token.LastIndexOf('.')..]}",
            "other-key" => foreign.Token,
            "stream-token" => Uri.UnescapeDataString(session.StreamUrl[(session.StreamUrl.IndexOf("t=", StringComparison.Ordinal) + 2)..]),
            _ => "dl1.not-a-token",
        };
        var conversationId = forgery is "tampered" or "other-key" ? foreign.ConversationId : session.ConversationId;

        using var response = await host.GetAsync($"/v3/directline/conversations/{conversationId}/activities", token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Generate_WithSecret_UsesTheUserTheServerNamed()
    {
        await using var host = await DirectLineTestHost.StartAsync(new() { ["CaaBot:DirectLine:Secret"] = "s3cret-for-tests", ["CaaBot:DirectLine:AllowAnonymous"] = "false" });

        using var withSecret = await host.PostJsonAsync("/v3/directline/tokens/generate", new { user = new { id = "dl_intranet-42", name = "Ada" } }, "s3cret-for-tests");
        using var wrongSecret = await host.PostJsonAsync("/v3/directline/tokens/generate", new { user = new { id = "dl_intranet-42" } }, "not-the-secret");

        Assert.Equal("dl_intranet-42", (await DirectLineTestHost.ReadAsync(withSecret)).GetProperty("userId").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, wrongSecret.StatusCode);
    }

    [Fact]
    public async Task Generate_AnonymousWithUserInBody_IgnoresTheClaimedUser()
    {
        await using var host = await DirectLineTestHost.StartAsync();

        using var response = await host.PostJsonAsync("/v3/directline/tokens/generate", new { user = new { id = "aad:someone-else" } }, token: null);

        Assert.StartsWith("dl_", (await DirectLineTestHost.ReadAsync(response)).GetProperty("userId").GetString(), StringComparison.Ordinal);
    }
}
