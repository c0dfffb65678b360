namespace CaaBot.Protocol.Connector;

/// <summary>The bot was about to send its token to a host no validated request came from; nothing was sent.</summary>
public sealed class UntrustedServiceUrlException(Uri serviceUrl)
    : InvalidOperationException($"Refusing to send the bot's token to {serviceUrl.GetLeftPart(UriPartial.Authority)}: no authenticated request came from there.")
{
    public Uri ServiceUrl { get; } = serviceUrl;
}
