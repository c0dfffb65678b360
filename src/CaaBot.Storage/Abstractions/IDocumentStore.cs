namespace CaaBot.Storage.Abstractions;

/// <summary>
/// Keyed JSON documents with ETags for optimistic concurrency: conversation, user and dialog state,
/// tickets. A write whose precondition no longer holds throws <see cref="ConcurrencyConflictException"/>
/// and changes nothing.
/// </summary>
public interface IDocumentStore
{
    /// <summary>The document under <paramref name="key"/>, or null when there is none.</summary>
    Task<StoredDocument?> ReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>Writes <paramref name="content"/> if <paramref name="precondition"/> holds; returns the new ETag.</summary>
    Task<string> WriteAsync(string key, ReadOnlyMemory<byte> content, WritePrecondition precondition, CancellationToken cancellationToken);

    /// <summary>Deletes the document if <paramref name="precondition"/> holds; true when a document was removed.</summary>
    Task<bool> DeleteAsync(string key, WritePrecondition precondition, CancellationToken cancellationToken);
}
