using System.Security.Cryptography;
using System.Text.Json;
using CaaBot.Protocol.Authentication;
using CaaBot.Web.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

using CaaBot.Protocol.Tests.Authentication;

namespace CaaBot.Web.Tests.Support;

/// <summary>
/// Plays the Bot Framework's and Entra's signing side for the host: publishes JWK sets (Bot Framework keys with their
/// channel endorsements) in place of the real metadata, and mints tokens as those issuers would.
/// </summary>
internal sealed class ChannelIdentity
{
    public const string AppId = "0b5e1a9e-8f3b-4c55-9a51-4c1f5a0f0c77";
    public const string TenantId = "7d1c9f0e-1111-4a2b-9c3d-0123456789ab";
    public const string EmulatorIssuer = "https://login.microsoftonline.com/d6d49420-f39b-4df7-a1dc-d59a935871db/v2.0";

    public RsaSecurityKey ChannelKey { get; } = NewKey("bf-key-all-channels");

    /// <summary>A genuine Bot Framework key that only endorses <c>msteams</c>.</summary>
    public RsaSecurityKey TeamsOnlyKey { get; } = NewKey("bf-key-msteams-only");

    public RsaSecurityKey EntraKey { get; } = NewKey("entra-key");

    /// <summary>Registers the published keys in place of the real metadata documents.</summary>
    public void Install(IServiceCollection services)
    {
        services.RemoveAll<IConfigurationManager<OpenIdConnectConfiguration>>();
        services.AddSingleton<IConfigurationManager<OpenIdConnectConfiguration>>(new StaticConfigurationManager<OpenIdConnectConfiguration>(ChannelKeys.Configuration(
            ChannelAuthenticationOptions.BotFrameworkIssuer,
            (ChannelKey, ["msteams", "emulator", "directline", "webchat"]),
            (TeamsOnlyKey, ["msteams"]))));
        services.AddKeyedSingleton<IConfigurationManager<OpenIdConnectConfiguration>>(
            CaaBotServiceCollectionExtensions.EmulatorMetadataKey,
            new StaticConfigurationManager<OpenIdConnectConfiguration>(ChannelKeys.Configuration(EmulatorIssuer, (EntraKey, []))));
    }

    /// <summary>A channel token; every part can be spoiled for a forgery.</summary>
    public string ChannelToken(
        string? serviceUrl,
        SigningCredentials? signing = null,
        string issuer = ChannelAuthenticationOptions.BotFrameworkIssuer,
        string audience = AppId,
        DateTime? notBefore = null,
        DateTime? expires = null,
        IDictionary<string, object>? extraClaims = null)
    {
        var claims = new Dictionary<string, object>(extraClaims ?? new Dictionary<string, object>());
        if (serviceUrl is not null)
        {
            claims["serviceurl"] = serviceUrl;
        }

        var start = notBefore ?? DateTime.UtcNow.AddMinutes(-5);
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = start,
            NotBefore = start,
            Expires = expires ?? DateTime.UtcNow.AddMinutes(55),
            SigningCredentials = signing ?? new SigningCredentials(ChannelKey, SecurityAlgorithms.RsaSha256),
            Claims = claims,
        });
    }

    /// <summary>What the Emulator sends: an Entra token the bot's own app obtained (<c>ver</c> 1.0 → <c>appid</c>, 2.0 → <c>azp</c>).</summary>
    public string EmulatorToken(string version = "1.0", string callerAppId = AppId, string audience = AppId) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = EmulatorIssuer,
        Audience = audience,
        Expires = DateTime.UtcNow.AddMinutes(55),
        SigningCredentials = new SigningCredentials(EntraKey, SecurityAlgorithms.RsaSha256),
        Claims = new Dictionary<string, object> { ["ver"] = version, [version == "2.0" ? "azp" : "appid"] = callerAppId },
    });

    private static RsaSecurityKey NewKey(string keyId) => new(RSA.Create(2048)) { KeyId = keyId };
}
