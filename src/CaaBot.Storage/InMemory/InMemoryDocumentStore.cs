using System.Globalization;
using CaaBot.Storage.Abstractions;

namespace CaaBot.Storage.InMemory;

/// <summary>Documents in a dictionary: for tests and throwaway runs. Content is copied in and out, as a real store would.</summary>
public sealed class InMemoryDocumentStore : IDocumentStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, StoredDocument> _documents = new(StringComparer.Ordinal);
    private long _version;

    public Task<StoredDocument?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        StorageLimits.ValidateName(key, nameof(key));
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(_documents.TryGetValue(key, out var document)
                ? document with { Content = document.Content.ToArray() }
                : null);
        }
    }

    public Task<string> WriteAsync(string key, ReadOnlyMemory<byte> content, WritePrecondition precondition, CancellationToken cancellationToken)
    {
        StorageLimits.ValidateName(key, nameof(key));
        cancellationToken.ThrowIfCancellationRequested();
        var copy = content.ToArray();
        lock (_gate)
        {
            _documents.TryGetValue(key, out var existing);
            EnsureHolds(key, existing, precondition);
            var etag = (++_version).ToString(CultureInfo.InvariantCulture);
            _documents[key] = new StoredDocument(key, etag, copy);
            return Task.FromResult(etag);
        }
    }

    public Task<bool> DeleteAsync(string key, WritePrecondition precondition, CancellationToken cancellationToken)
    {
        StorageLimits.ValidateName(key, nameof(key));
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _documents.TryGetValue(key, out var existing);
            EnsureHolds(key, existing, precondition);
            return Task.FromResult(_documents.Remove(key));
        }
    }

    private static void EnsureHolds(string key, StoredDocument? existing, WritePrecondition precondition)
    {
        var holds = precondition.Kind switch
        {
            WritePreconditionKind.None => true,
            WritePreconditionKind.MustNotExist => existing is null,
            WritePreconditionKind.IfMatch => existing is not null && string.Equals(existing.ETag, precondition.ETag, StringComparison.Ordinal),
            _ => false,
        };
        if (!holds)
        {
            throw new ConcurrencyConflictException(key, precondition);
        }
    }
}
