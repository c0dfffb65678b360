namespace CaaBot.Protocol.Connector;

/// <summary>No credentials: for local development, where channels accept unauthenticated replies.</summary>
public sealed class AnonymousConnectorTokenProvider : IConnectorTokenProvider
{
    public static AnonymousConnectorTokenProvider Instance { get; } = new();

    public Task<string?> GetTokenAsync(Uri serviceUrl, bool forceRefresh, CancellationToken cancellationToken) => Task.FromResult<string?>(null);
}
