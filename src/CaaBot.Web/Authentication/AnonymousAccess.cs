namespace CaaBot.Web.Authentication;

/// <summary>How <see cref="ChannelRequestAuthenticator"/> treats requests, decided once at start-up.</summary>
public enum AnonymousAccess
{
    /// <summary>An app id is configured: every request needs a valid channel token.</summary>
    TokenRequired,

    /// <summary>No app id, and Development or <c>CaaBot:AllowAnonymous</c>: local tools may call without a token.</summary>
    Allowed,

    /// <summary>No app id and not allowed: every request is refused.</summary>
    RefusedWithoutCredentials,
}
