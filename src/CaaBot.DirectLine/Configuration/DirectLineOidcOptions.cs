namespace CaaBot.DirectLine.Configuration;

/// <summary>OpenID Connect id tokens that pages may present instead of being anonymous (<c>CaaBot:DirectLine:Oidc</c>).</summary>
public sealed class DirectLineOidcOptions
{
    /// <summary>The issuer, e.g. <c>https://login.microsoftonline.com/{tenant}/v2.0</c>. Empty: id tokens are not accepted.</summary>
    public string Authority { get; set; } = string.Empty;

    /// <summary>The expected <c>aud</c>: the client id of the intranet application.</summary>
    public string Audience { get; set; } = string.Empty;

    /// <summary>Where keys and issuer are published; default <c>{Authority}/.well-known/openid-configuration</c>.</summary>
    public string MetadataAddress { get; set; } = string.Empty;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(Audience);

    public string EffectiveMetadataAddress => string.IsNullOrWhiteSpace(MetadataAddress)
        ? $"{Authority.TrimEnd('/')}/.well-known/openid-configuration"
        : MetadataAddress;
}
