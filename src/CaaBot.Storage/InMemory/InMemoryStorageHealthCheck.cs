using CaaBot.Storage.Abstractions;

namespace CaaBot.Storage.InMemory;

/// <summary>The in-memory stores have nothing that can become unreachable.</summary>
public sealed class InMemoryStorageHealthCheck : IStorageHealthCheck
{
    public Task<bool> IsReachableAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(true);
    }
}
