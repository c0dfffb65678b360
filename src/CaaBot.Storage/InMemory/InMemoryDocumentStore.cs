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
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            return Task.FromResult(_documents.TryGetValue(key, out var document)
                ? document with { Content = document.Content.ToArray() }
                : null);
        }
    }

    public Task<string> WriteAsync(string key, ReadOnlyMemory<byte> content, WritePrecondition precondition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            _documents.TryGetValue(key, out var existing);
            EnsureHolds(key, existing, precondition);
            var etag = (++_version).ToString(System.Globalization.CultureInfo.InvariantCulture);
            _documents[key] = new StoredDocument(key, etag, content.ToArray());
            return Task.FromResult(etag);
        }
    }

    public Task<bool> DeleteAsync(string key, WritePrecondition precondition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
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
            WritePreconditionKind.IfMatch => existing is not null && existing.ETag == precondition.ETag,
            _ => false,
        };
        if (!holds)
        {
            throw new ConcurrencyConflictException(key, precondition);
        }
    }
}
