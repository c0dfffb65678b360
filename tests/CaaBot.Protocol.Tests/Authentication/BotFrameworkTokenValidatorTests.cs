using System.Security.Cryptography;
using CaaBot.Protocol.Authentication;
using CaaBot.Protocol.Schema;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace CaaBot.Protocol.Tests.Authentication;

public sealed class BotFrameworkTokenValidatorTests
{
    private const string AppId = "11111111-2222-3333-4444-555555555555";
    private const string ServiceUrl = "https://smba.trafficmanager.net/amer/";
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    private readonly RsaSecurityKey _channelKey = NewKey("channel-key-1");
    private readonly RotatingMetadata _metadata;

    public BotFrameworkTokenValidatorTests() => _metadata = new RotatingMetadata(_channelKey);

    [Fact]
    public async Task ValidateAsync_GenuineChannelToken_Accepts()
    {
        var result = await ValidateAsync(Bearer(Token()));

        Assert.True(result.IsAuthenticated, result.FailureReason);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer")]
    [InlineData("Bearer not-a-jwt")]
    public async Task ValidateAsync_MissingOrMalformedHeader_Refuses(string? header)
    {
        var result = await ValidateAsync(header);

        Assert.False(result.IsAuthenticated);
        Assert.False(result.IsForbidden);
    }

    [Fact]
    public async Task ValidateAsync_UnsignedAlgNoneToken_Refuses()
    {
        var unsigned = new JsonWebTokenHandler().CreateToken(Descriptor(signing: null));

        Assert.False((await ValidateAsync(Bearer(unsigned))).IsAuthenticated);
    }

    [Fact]
    public async Task ValidateAsync_Hs256SignedWithThePublicKeyAsSecret_Refuses()
    {
        // The classic key-confusion attack: HMAC keyed with the RSA public key's bytes.
        var publicKeyBytes = _channelKey.Rsa.ExportSubjectPublicKeyInfo();
        var hmac = new SymmetricSecurityKey(publicKeyBytes) { KeyId = _channelKey.KeyId };
        var forged = new JsonWebTokenHandler().CreateToken(Descriptor(new SigningCredentials(hmac, SecurityAlgorithms.HmacSha256)));

        Assert.False((await ValidateAsync(Bearer(forged))).IsAuthenticated);
    }

    [Fact]
    public async Task ValidateAsync_KeyUnknownEvenAfterRefresh_RefusesAfterOneRefetch()
    {
        var stranger = NewKey("someone-else");

        var result = await ValidateAsync(Bearer(Token(key: stranger)));

        Assert.False(result.IsAuthenticated);
        Assert.Equal(1, _metadata.RefreshRequests);
    }

    [Fact]
    public async Task ValidateAsync_KeyRolledOverSinceLastFetch_RefreshesOnceAndAccepts()
    {
        var rolled = NewKey("channel-key-2");
        _metadata.KeyAfterRefresh = rolled;

        var result = await ValidateAsync(Bearer(Token(key: rolled)));

        Assert.True(result.IsAuthenticated, result.FailureReason);
        Assert.Equal(1, _metadata.RefreshRequests);
    }

    [Fact]
    public async Task ValidateAsync_WrongIssuer_Refuses() =>
        Assert.False((await ValidateAsync(Bearer(Token(issuer: "https://evil.example.com")))).IsAuthenticated);

    [Fact]
    public async Task ValidateAsync_WrongAudience_Refuses() =>
        Assert.False((await ValidateAsync(Bearer(Token(audience: "another-bot")))).IsAuthenticated);

    [Fact]
    public async Task ValidateAsync_ExpiredBeyondSkew_Refuses() =>
        Assert.False((await ValidateAsync(Bearer(Token(expires: Now.AddMinutes(-6))))).IsAuthenticated);

    [Fact]
    public async Task ValidateAsync_ExpiredWithinSkew_Accepts() =>
        Assert.True((await ValidateAsync(Bearer(Token(expires: Now.AddMinutes(-4))))).IsAuthenticated);

    [Fact]
    public async Task ValidateAsync_NotYetValid_Refuses() =>
        Assert.False((await ValidateAsync(Bearer(Token(notBefore: Now.AddMinutes(10), expires: Now.AddHours(1))))).IsAuthenticated);

    [Fact]
    public async Task ValidateAsync_TamperedPayload_Refuses()
    {
        var parts = Token().Split('.');
        var payload = Base64UrlEncoder.Decode(parts[1]).Replace(AppId, "tampered", StringComparison.Ordinal);
        var tampered = $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";

        Assert.False((await ValidateAsync(Bearer(tampered))).IsAuthenticated);
    }

    [Fact]
    public async Task ValidateAsync_ServiceUrlClaimDiffersFromActivity_Forbids()
    {
        var result = await ValidateAsync(Bearer(Token(serviceUrl: "https://attacker.example.com/")));

        Assert.False(result.IsAuthenticated);
        Assert.True(result.IsForbidden);
    }

    [Fact]
    public async Task ValidateAsync_MetadataUnreachable_Refuses()
    {
        _metadata.Unreachable = true;

        Assert.False((await ValidateAsync(Bearer(Token()))).IsAuthenticated);
    }

    private Task<ChannelAuthenticationResult> ValidateAsync(string? header)
    {
        var validator = new BotFrameworkTokenValidator(new ChannelAuthenticationOptions { AppId = AppId }, _metadata, new FixedClock(Now));
        var activity = new Activity { Type = ActivityTypes.Message, ServiceUrl = ServiceUrl, ChannelId = Channels.MsTeams };
        return validator.ValidateAsync(header, activity, CancellationToken.None);
    }

    private static string Bearer(string token) => "Bearer " + token;

    private string Token(
        RsaSecurityKey? key = null,
        string issuer = ChannelAuthenticationOptions.BotFrameworkIssuer,
        string audience = AppId,
        DateTimeOffset? notBefore = null,
        DateTimeOffset? expires = null,
        string serviceUrl = ServiceUrl) =>
        new JsonWebTokenHandler().CreateToken(Descriptor(
            new SigningCredentials(key ?? _channelKey, SecurityAlgorithms.RsaSha256),
            issuer,
            audience,
            notBefore ?? Now.AddMinutes(-30),
            expires ?? Now.AddMinutes(30),
            serviceUrl));

    private static SecurityTokenDescriptor Descriptor(
        SigningCredentials? signing,
        string issuer = ChannelAuthenticationOptions.BotFrameworkIssuer,
        string audience = AppId,
        DateTimeOffset? notBefore = null,
        DateTimeOffset? expires = null,
        string serviceUrl = ServiceUrl)
    {
        var start = notBefore ?? Now.AddMinutes(-30);
        return new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = start.UtcDateTime,
            NotBefore = start.UtcDateTime,
            Expires = (expires ?? Now.AddMinutes(30)).UtcDateTime,
            SigningCredentials = signing,
            Claims = new Dictionary<string, object> { ["serviceurl"] = serviceUrl },
        };
    }

    private static RsaSecurityKey NewKey(string keyId) => new(RSA.Create(2048)) { KeyId = keyId };

    /// <summary>Metadata whose key set changes after a refresh is requested, like a real key rollover.</summary>
    private sealed class RotatingMetadata(RsaSecurityKey initialKey) : IConfigurationManager<OpenIdConnectConfiguration>
    {
        private bool _refreshPending;
        private RsaSecurityKey _current = initialKey;

        public RsaSecurityKey? KeyAfterRefresh { get; set; }

        public bool Unreachable { get; set; }

        public int RefreshRequests { get; private set; }

        public Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel)
        {
            if (Unreachable)
            {
                throw new InvalidOperationException("IDX20803: Unable to obtain configuration.");
            }

            if (_refreshPending)
            {
                _current = KeyAfterRefresh ?? _current;
                _refreshPending = false;
            }

            return Task.FromResult(ChannelKeys.Configuration(ChannelAuthenticationOptions.BotFrameworkIssuer, (_current, ["msteams", "directline", "webchat"])));
        }

        public void RequestRefresh()
        {
            RefreshRequests++;
            _refreshPending = true;
        }
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
