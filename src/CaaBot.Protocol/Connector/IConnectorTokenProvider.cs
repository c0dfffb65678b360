namespace CaaBot.Protocol.Connector;

/// <summary>Supplies the bearer token for calls to a channel's Connector service.</summary>
public interface IConnectorTokenProvider
{
    /// <summary>
    /// The access token for calls to <paramref name="serviceUrl"/>, or null when the bot runs anonymously
    /// (local development against the Emulator or the Agents Playground), in which case no
    /// <c>Authorization</c> header is sent. Implementations cache tokens; this is called once per attempt.
    /// <paramref name="forceRefresh"/> asks for a new token past the cache: the Connector refused the cached one.
    /// </summary>
    Task<string?> GetTokenAsync(Uri serviceUrl, bool forceRefresh, CancellationToken cancellationToken);
}
