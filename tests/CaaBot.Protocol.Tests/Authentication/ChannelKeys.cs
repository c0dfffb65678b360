using System.Text.Json;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace CaaBot.Protocol.Tests.Authentication;

/// <summary>
/// OpenID metadata as the Bot Framework publishes it: a JWK set whose keys carry <c>endorsements</c> (the channels
/// each key may sign for), parsed by IdentityModel like the real retriever does.
/// </summary>
internal static class ChannelKeys
{
    public static OpenIdConnectConfiguration Configuration(string issuer, params (RsaSecurityKey Key, string[] Endorsements)[] keys)
    {
        var jwks = JsonSerializer.Serialize(new
        {
            keys = keys.Select(entry =>
            {
                var parameters = entry.Key.Rsa.ExportParameters(includePrivateParameters: false);
                return new Dictionary<string, object>
                {
                    ["kty"] = "RSA",
                    ["use"] = "sig",
                    ["kid"] = entry.Key.KeyId,
                    ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                    ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
                    ["endorsements"] = entry.Endorsements,
                };
            }),
        });
        var set = new JsonWebKeySet(jwks);
        var configuration = new OpenIdConnectConfiguration { Issuer = issuer, JsonWebKeySet = set };
        foreach (var signingKey in set.GetSigningKeys())
        {
            configuration.SigningKeys.Add(signingKey);
        }

        return configuration;
    }
}
