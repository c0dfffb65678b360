namespace CaaBot.Storage.Abstractions;

/// <summary>Readiness probe for the storage backend, used by the web host's <c>GET /readyz</c>.</summary>
public interface IStorageHealthCheck
{
    /// <summary>
    /// True when the backend answered a real round trip (a read and a write) just now. Never throws for an
    /// unreachable backend: that is what <c>false</c> is for. Cancellation still throws.
    /// </summary>
    Task<bool> IsReachableAsync(CancellationToken cancellationToken);
}
