using CaaBot.Protocol.Authentication;

namespace CaaBot.Web.Configuration;

/// <summary>The <c>CaaBot:ChannelAuthentication</c> section: where channel signing keys come from and which issuers count.</summary>
public sealed class ChannelAuthenticationSettings
{
    public const string SectionName = "CaaBot:ChannelAuthentication";

    public string OpenIdMetadataUrl { get; set; } = ChannelAuthenticationOptions.BotFrameworkOpenIdMetadataUrl;

    public string[] ValidIssuers { get; set; } = [ChannelAuthenticationOptions.BotFrameworkIssuer];

    /// <summary>Accept Bot Framework Emulator tokens (signed in as the bot itself). Honoured only in Development.</summary>
    public bool AllowEmulatorTokens { get; set; }

    /// <summary>Where Entra publishes the keys that sign Emulator tokens.</summary>
    public string EmulatorOpenIdMetadataUrl { get; set; } = "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration";

    /// <summary>Entra tenant ids whose users may reach the bot; empty lets every tenant in (a single-tenant registration alone does not).</summary>
    public string[] AllowedTenants { get; set; } = [];
}
