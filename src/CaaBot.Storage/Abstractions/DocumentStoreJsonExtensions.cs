using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace CaaBot.Storage.Abstractions;

/// <summary>
/// Typed access to <see cref="IDocumentStore"/> through System.Text.Json metadata (source-generated
/// <see cref="JsonTypeInfo{T}"/>), so state comes back as the record it was written as, never as a bag.
/// </summary>
public static class DocumentStoreJsonExtensions
{
    /// <summary>How often <see cref="UpdateAsync{T}"/> re-reads and retries after losing a race.</summary>
    public const int MaxUpdateAttempts = 16;

    /// <summary>The document under <paramref name="key"/> deserialized, with its ETag; null when there is none.</summary>
    /// <exception cref="JsonException">The stored bytes are not a <typeparamref name="T"/> (or are JSON <c>null</c>).</exception>
    public static async Task<Versioned<T>?> ReadAsync<T>(
        this IDocumentStore store, string key, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(typeInfo);
        var document = await store.ReadAsync(key, cancellationToken);
        if (document is null)
        {
            return null;
        }

        var value = JsonSerializer.Deserialize(document.Content.Span, typeInfo)
            ?? throw new JsonException($"Document '{key}' holds JSON null, not a {typeof(T).Name}.");
        return new Versioned<T>(value, document.ETag);
    }

    /// <summary>Serializes <paramref name="value"/> and writes it if <paramref name="precondition"/> holds; returns the new ETag.</summary>
    /// <exception cref="ConcurrencyConflictException">The precondition no longer holds; nothing was written.</exception>
    public static Task<string> WriteAsync<T>(
        this IDocumentStore store, string key, T value, JsonTypeInfo<T> typeInfo, WritePrecondition precondition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(typeInfo);
        return store.WriteAsync(key, JsonSerializer.SerializeToUtf8Bytes(value, typeInfo), precondition, cancellationToken);
    }

    /// <summary>
    /// Read-modify-write with optimistic concurrency: calls <paramref name="update"/> with the current
    /// document (null when there is none) and writes the result conditionally, re-reading and calling
    /// <paramref name="update"/> again whenever another writer got there first. <paramref name="update"/>
    /// may therefore run more than once and must have no side effects.
    /// </summary>
    /// <exception cref="ConcurrencyConflictException">Still losing after <see cref="MaxUpdateAttempts"/> attempts.</exception>
    public static async Task<Versioned<T>> UpdateAsync<T>(
        this IDocumentStore store, string key, Func<Versioned<T>?, T> update, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(update);
        ArgumentNullException.ThrowIfNull(typeInfo);
        for (var attempt = 1; ; attempt++)
        {
            var current = await store.ReadAsync(key, typeInfo, cancellationToken);
            var next = update(current);
            var precondition = current is null ? WritePrecondition.MustNotExist : WritePrecondition.IfMatch(current.ETag);
            try
            {
                var etag = await store.WriteAsync(key, next, typeInfo, precondition, cancellationToken);
                return new Versioned<T>(next, etag);
            }
            catch (ConcurrencyConflictException) when (attempt < MaxUpdateAttempts)
            {
                // Somebody else wrote in between: start over from what they wrote. From the second loss on, wait a
                // random few milliseconds first (up to 32): writers that retry in lockstep on a hot key can otherwise
                // keep beating each other until one runs out of attempts.
                if (attempt > 1)
                {
                    await Task.Delay(Random.Shared.Next(1 << Math.Min(attempt - 1, 5)), cancellationToken);
                }
            }
        }
    }
}
