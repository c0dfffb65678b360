using CaaBot.Protocol.Authentication;

namespace CaaBot.Web.Configuration;

/// <summary>The <c>CaaBot:ChannelAuthentication</c> section: where channel signing keys come from and which issuers count.</summary>
public sealed class ChannelAuthenticationSettings
{
    public const string SectionName = "CaaBot:ChannelAuthentication";

    public string OpenIdMetadataUrl { get; set; } = ChannelAuthenticationOptions.BotFrameworkOpenIdMetadataUrl;

    public string[] ValidIssuers { get; set; } = [ChannelAuthenticationOptions.BotFrameworkIssuer];
}
