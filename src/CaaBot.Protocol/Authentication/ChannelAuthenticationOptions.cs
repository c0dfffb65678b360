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

    /// <summary>Signing algorithms accepted; everything else (notably <c>none</c> and HMAC) is refused.</summary>
    public IReadOnlyList<string> ValidAlgorithms { get; init; } = ["RS256"];

    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromMinutes(5);
}
