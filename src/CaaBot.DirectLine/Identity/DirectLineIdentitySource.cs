namespace CaaBot.DirectLine.Identity;

/// <summary>Where a user id came from, strongest first.</summary>
public enum DirectLineIdentitySource
{
    /// <summary>A server holding the Direct Line secret named the user.</summary>
    Secret,

    /// <summary>A validated OpenID Connect id token: <c>aad:{oid}</c>, or a hash of issuer and subject.</summary>
    OpenIdConnect,

    /// <summary>The intranet reverse proxy's trusted header: a hash of its value.</summary>
    TrustedHeader,

    /// <summary>Nobody vouched: a random id (only where anonymous access is allowed).</summary>
    Anonymous,
}
