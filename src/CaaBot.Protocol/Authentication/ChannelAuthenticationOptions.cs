namespace CaaBot.Protocol.Authentication;

/// <summary>What a channel token must look like to be accepted.</summary>
public sealed class ChannelAuthenticationOptions
{
    /// <summary>The Bot Framework's public OpenID metadata; tests and sovereign clouds point elsewhere.</summary>
    public const string BotFrameworkOpenIdMetadataUrl = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>The issuer of channel tokens in the public cloud.</summary>
    public const string BotFrameworkIssuer = "https://api.botframework.com";

    /// <summary>The bot's app id: tokens must be issued for this audience.</summary>
    public required string AppId { get; init; }

    public IReadOnlyList<string> ValidIssuers { get; init; } = [BotFrameworkIssuer];

    /// <summary>Signing algorithms accepted; everything else (notably <c>none</c>, HMAC and PSS) is refused.</summary>
    public IReadOnlyList<string> ValidAlgorithms { get; init; } = ["RS256", "RS384", "RS512"];

    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Accept tokens the Bot Framework Emulator obtains with the bot's own credentials (Entra issuers, signed by
    /// Entra's keys). For development only: off by default, and then such tokens are refused before any key is fetched.
    /// </summary>
    public bool AllowEmulatorTokens { get; init; }

    /// <summary>Issuers of Emulator tokens: the Bot Framework tenants' v1 and v2 issuers, plus the bot's own tenant's.</summary>
    public IReadOnlyList<string> EmulatorIssuers { get; init; } = DefaultEmulatorIssuers;

    /// <summary>When not empty, only activities from these Entra tenants (<c>conversation.tenantId</c> or <c>channelData.tenant.id</c>) are let in.</summary>
    public IReadOnlyList<string> AllowedTenantIds { get; init; } = [];

    /// <summary>The Bot Framework tenants (public cloud v3.1 and v3.2 tokens, US Government).</summary>
    public static IReadOnlyList<string> DefaultEmulatorIssuers { get; } =
    [
        "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/",
        "https://login.microsoftonline.com/d6d49420-f39b-4df7-a1dc-d59a935871db/v2.0",
        "https://sts.windows.net/f8cdef31-a31e-4b4a-93e4-5f571e91255a/",
        "https://login.microsoftonline.com/f8cdef31-a31e-4b4a-93e4-5f571e91255a/v2.0",
        "https://sts.windows.net/cab8a31a-1906-4287-a0d8-4eef66b95f6e/",
        "https://login.microsoftonline.us/cab8a31a-1906-4287-a0d8-4eef66b95f6e/v2.0",
    ];

    /// <summary>The default Emulator issuers plus those of a single-tenant bot's own tenant.</summary>
    public static IReadOnlyList<string> EmulatorIssuersFor(string? tenantId) =>
        string.IsNullOrWhiteSpace(tenantId)
            ? DefaultEmulatorIssuers
            : [.. DefaultEmulatorIssuers, $"https://sts.windows.net/{tenantId}/", $"https://login.microsoftonline.com/{tenantId}/v2.0"];
}
