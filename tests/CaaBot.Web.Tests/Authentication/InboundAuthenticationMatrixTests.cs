using System.Net;
using System.Security.Cryptography;
using System.Text;
using CaaBot.Conversations.Turns;
using CaaBot.Protocol.Schema;
using CaaBot.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CaaBot.Web.Tests.Authentication;

/// <summary>
/// Forged and malformed requests against <c>/api/messages</c> with a real registration: each is refused with 401
/// (no valid credential) or 403 (a valid token, but not for this request) before any bot code runs, and genuine
/// tokens get through. The bot here only counts turns, so "before any bot code runs" is checked directly.
/// </summary>
public sealed class InboundAuthenticationMatrixTests
{
    private const string OtherTenant = "99999999-8888-7777-6666-555555555555";
    private static readonly ChannelIdentity Identity = new();
    private static readonly RsaSecurityKey AttackerKey = new(RSA.Create(2048)) { KeyId = "attacker-key" };

    public static TheoryData<string, HttpStatusCode> Forgeries => new()
    {
        { "no Authorization header", HttpStatusCode.Unauthorized },
        { "Basic scheme", HttpStatusCode.Unauthorized },
        { "Bearer without a token", HttpStatusCode.Unauthorized },
        { "not a JWT", HttpStatusCode.Unauthorized },
        { "alg none", HttpStatusCode.Unauthorized },
        { "HS256 keyed with the public key", HttpStatusCode.Unauthorized },
        { "PS256 (not on the allow-list)", HttpStatusCode.Unauthorized },
        { "signed by an unpublished key", HttpStatusCode.Unauthorized },
        { "attacker's key under a published kid", HttpStatusCode.Unauthorized },
        { "wrong issuer", HttpStatusCode.Unauthorized },
        { "wrong audience", HttpStatusCode.Unauthorized },
        { "expired beyond the skew", HttpStatusCode.Unauthorized },
        { "not yet valid beyond the skew", HttpStatusCode.Unauthorized },
        { "no expiry", HttpStatusCode.Unauthorized },
        { "tampered payload", HttpStatusCode.Unauthorized },
        { "no serviceurl claim", HttpStatusCode.Unauthorized },
        { "serviceurl of another host", HttpStatusCode.Forbidden },
        { "key not endorsed for the channel", HttpStatusCode.Forbidden },
        { "Emulator token, Emulator not enabled", HttpStatusCode.Unauthorized },
        { "Emulator token enabled outside Development", HttpStatusCode.Unauthorized },
        { "skill token from another app", HttpStatusCode.Unauthorized },
        { "Emulator token of unknown version", HttpStatusCode.Unauthorized },
        { "Emulator token for another audience", HttpStatusCode.Unauthorized },
        { "tenant not on the allow-list", HttpStatusCode.Forbidden },
        { "no tenant while an allow-list is set", HttpStatusCode.Forbidden },
    };

    public static TheoryData<string> Genuine => new()
    {
        "Bot Framework token",
        "Teams token from a key endorsed only for msteams",
        "RS512 token",
        "expired within the five-minute skew",
        "Emulator token, ver 1.0, enabled in Development",
        "Emulator token, ver 2.0, enabled in Development",
        "tenant on the allow-list (channelData.tenant.id)",
    };

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task Forged_IsRefusedBeforeAnyBotCodeRuns(string forgery, HttpStatusCode expected)
    {
        var bot = new CountingBot();
        var (activity, authorization, setup) = Case(forgery);
        using var host = Host(bot, setup);
        try
        {
            using var response = await Activities.PostAsync(host.CreateClient(), activity, authorization);

            Assert.Equal(expected, response.StatusCode);
            Assert.Equal(0, bot.Turns);
            Assert.Empty(host.Connector.Requests);
        }
        finally
        {
            host.DeleteData();
        }
    }

    [Theory]
    [MemberData(nameof(Genuine))]
    public async Task Genuine_ReachesTheBot(string kind)
    {
        var bot = new CountingBot();
        var (activity, authorization, setup) = Case(kind);
        using var host = Host(bot, setup);
        try
        {
            using var response = await Activities.PostAsync(host.CreateClient(), activity, authorization);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(1, bot.Turns);
        }
        finally
        {
            host.DeleteData();
        }
    }

    private static (Activity Activity, string? Authorization, HostSetup Setup) Case(string name)
    {
        var message = Activities.Message("c-1", "1", "hi");
        var teams = message with { ChannelId = CaaBot.Protocol.Schema.Channels.MsTeams };
        var now = DateTime.UtcNow;
        string Bearer(string token) => "Bearer " + token;
        string Channel(SigningCredentials? signing = null, string? serviceUrl = Activities.ServiceUrl, string issuer = Protocol.Authentication.ChannelAuthenticationOptions.BotFrameworkIssuer,
            string audience = ChannelIdentity.AppId, DateTime? notBefore = null, DateTime? expires = null) =>
            Identity.ChannelToken(serviceUrl, signing, issuer, audience, notBefore, expires);

        return name switch
        {
            "no Authorization header" => (message, null, HostSetup.Production),
            "Basic scheme" => (message, "Basic dXNlcjpwYXNz", HostSetup.Production),
            "Bearer without a token" => (message, "Bearer ", HostSetup.Production),
            "not a JWT" => (message, "Bearer eyJub3QiOiJhIGp3dCJ9", HostSetup.Production),
            "alg none" => (message, Bearer(Unsigned()), HostSetup.Production),
            "HS256 keyed with the public key" => (message, Bearer(Channel(new SigningCredentials(
                new SymmetricSecurityKey(Identity.ChannelKey.Rsa.ExportSubjectPublicKeyInfo()) { KeyId = Identity.ChannelKey.KeyId }, SecurityAlgorithms.HmacSha256))), HostSetup.Production),
            "PS256 (not on the allow-list)" => (message, Bearer(Channel(new SigningCredentials(Identity.ChannelKey, SecurityAlgorithms.RsaSsaPssSha256))), HostSetup.Production),
            "signed by an unpublished key" => (message, Bearer(Channel(new SigningCredentials(AttackerKey, SecurityAlgorithms.RsaSha256))), HostSetup.Production),
            "attacker's key under a published kid" => (message, Bearer(Channel(new SigningCredentials(
                new RsaSecurityKey(AttackerKey.Rsa) { KeyId = Identity.ChannelKey.KeyId }, SecurityAlgorithms.RsaSha256))), HostSetup.Production),
            "wrong issuer" => (message, Bearer(Channel(issuer: "https://api.botframework.com.attacker.example")), HostSetup.Production),
            "wrong audience" => (message, Bearer(Channel(audience: "11111111-2222-3333-4444-555555555555")), HostSetup.Production),
            "expired beyond the skew" => (message, Bearer(Channel(notBefore: now.AddHours(-2), expires: now.AddMinutes(-10))), HostSetup.Production),
            "not yet valid beyond the skew" => (message, Bearer(Channel(notBefore: now.AddMinutes(10), expires: now.AddHours(1))), HostSetup.Production),
            "no expiry" => (message, Bearer(WithoutExpiry()), HostSetup.Production),
            "tampered payload" => (message, Bearer(Tampered(Channel())), HostSetup.Production),
            "no serviceurl claim" => (message, Bearer(Channel(serviceUrl: null)), HostSetup.Production),
            "serviceurl of another host" => (message, Bearer(Channel(serviceUrl: "https://attacker.example/")), HostSetup.Production),
            "key not endorsed for the channel" => (message with { ChannelId = CaaBot.Protocol.Schema.Channels.DirectLine }, Bearer(Channel(new SigningCredentials(Identity.TeamsOnlyKey, SecurityAlgorithms.RsaSha256))), HostSetup.Production),
            "Emulator token, Emulator not enabled" => (message, Bearer(Identity.EmulatorToken()), HostSetup.Development),
            "Emulator token enabled outside Development" => (message, Bearer(Identity.EmulatorToken()), HostSetup.ProductionWithEmulatorSwitch),
            "skill token from another app" => (message, Bearer(Identity.EmulatorToken(callerAppId: "22222222-3333-4444-5555-666666666666")), HostSetup.DevelopmentWithEmulator),
            "Emulator token of unknown version" => (message, Bearer(Identity.EmulatorToken(version: "3.0")), HostSetup.DevelopmentWithEmulator),
            "Emulator token for another audience" => (message, Bearer(Identity.EmulatorToken(audience: "api://someone-else")), HostSetup.DevelopmentWithEmulator),
            "tenant not on the allow-list" => (teams with { Conversation = new ConversationAccount { Id = "c-1", TenantId = OtherTenant } },
                Bearer(Channel()), HostSetup.TenantAllowList),
            "no tenant while an allow-list is set" => (teams, Bearer(Channel()), HostSetup.TenantAllowList),

            "Bot Framework token" => (message, Bearer(Channel()), HostSetup.Production),
            "Teams token from a key endorsed only for msteams" => (teams, Bearer(Channel(new SigningCredentials(Identity.TeamsOnlyKey, SecurityAlgorithms.RsaSha256))), HostSetup.Production),
            "RS512 token" => (message, Bearer(Channel(new SigningCredentials(Identity.ChannelKey, SecurityAlgorithms.RsaSha512))), HostSetup.Production),
            "expired within the five-minute skew" => (message, Bearer(Channel(notBefore: now.AddHours(-1), expires: now.AddMinutes(-3))), HostSetup.Production),
            "Emulator token, ver 1.0, enabled in Development" => (message, Bearer(Identity.EmulatorToken("1.0")), HostSetup.DevelopmentWithEmulator),
            "Emulator token, ver 2.0, enabled in Development" => (message, Bearer(Identity.EmulatorToken("2.0")), HostSetup.DevelopmentWithEmulator),
            "tenant on the allow-list (channelData.tenant.id)" => (teams with { ChannelData = Protocol.ProtocolJson.ToElement(new { tenant = new { id = ChannelIdentity.TenantId } }) },
                Bearer(Channel()), HostSetup.TenantAllowList),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "No such case."),
        };
    }

    private static string Unsigned() => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = Protocol.Authentication.ChannelAuthenticationOptions.BotFrameworkIssuer,
        Audience = ChannelIdentity.AppId,
        Expires = DateTime.UtcNow.AddMinutes(30),
        Claims = new Dictionary<string, object> { ["serviceurl"] = Activities.ServiceUrl },
    });

    private static string WithoutExpiry() => new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
    {
        Issuer = Protocol.Authentication.ChannelAuthenticationOptions.BotFrameworkIssuer,
        Audience = ChannelIdentity.AppId,
        SigningCredentials = new SigningCredentials(Identity.ChannelKey, SecurityAlgorithms.RsaSha256),
        Claims = new Dictionary<string, object> { ["serviceurl"] = Activities.ServiceUrl },
    });

    /// <summary>The same signature over a payload that names another audience.</summary>
    private static string Tampered(string token)
    {
        var parts = token.Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1])).Replace(ChannelIdentity.AppId, "33333333-4444-5555-6666-777777777777", StringComparison.Ordinal);
        return $"{parts[0]}.{Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(payload))}.{parts[2]}";
    }

    private static CaaBotHost Host(CountingBot bot, HostSetup setup)
    {
        var settings = new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = ChannelIdentity.AppId,
            ["MicrosoftAppType"] = "SingleTenant",
            ["MicrosoftAppTenantId"] = ChannelIdentity.TenantId,
            ["MicrosoftAppPassword"] = "test-only-client-secret",
            ["CaaBot:ChannelAuthentication:AllowEmulatorTokens"] = setup is HostSetup.DevelopmentWithEmulator or HostSetup.ProductionWithEmulatorSwitch ? "true" : "false",
            ["CaaBot:AllowAnonymous"] = "true", // must change nothing once an app id is set
        };
        if (setup == HostSetup.TenantAllowList)
        {
            settings["CaaBot:ChannelAuthentication:AllowedTenants:0"] = ChannelIdentity.TenantId;
        }

        return new CaaBotHost(
            environment: setup is HostSetup.Development or HostSetup.DevelopmentWithEmulator ? "Development" : "Production",
            settings: settings,
            overrides: services =>
            {
                Identity.Install(services);
                services.AddSingleton<IBot>(bot);
            });
    }

    internal enum HostSetup
    {
        Production,
        Development,
        DevelopmentWithEmulator,
        ProductionWithEmulatorSwitch,
        TenantAllowList,
    }

    private sealed class CountingBot : IBot
    {
        private int _turns;

        public int Turns => _turns;

        public Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _turns);
            return Task.CompletedTask;
        }
    }
}
