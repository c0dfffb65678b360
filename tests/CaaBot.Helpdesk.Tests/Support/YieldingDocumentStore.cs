using CaaBot.Storage.Abstractions;

namespace CaaBot.Helpdesk.Tests.Support;

/// <summary>
/// Yields before every storage call, as a real database round trip would, so racing submitters really
/// interleave on the in-memory store (which otherwise completes every call synchronously).
/// </summary>
public sealed class YieldingDocumentStore(IDocumentStore inner) : IDocumentStore
{
    public async Task<StoredDocument?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        await Task.Yield();
        return await inner.ReadAsync(key, cancellationToken);
    }

    public async Task<string> WriteAsync(string key, ReadOnlyMemory<byte> content, WritePrecondition precondition, CancellationToken cancellationToken)
    {
        await Task.Yield();
        return await inner.WriteAsync(key, content, precondition, cancellationToken);
    }

    public async Task<bool> DeleteAsync(string key, WritePrecondition precondition, CancellationToken cancellationToken)
    {
        await Task.Yield();
        return await inner.DeleteAsync(key, precondition, cancellationToken);
    }
}
