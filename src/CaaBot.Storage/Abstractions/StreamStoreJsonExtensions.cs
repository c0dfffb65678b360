using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace CaaBot.Storage.Abstractions;

/// <summary>Typed payloads for <see cref="IStreamStore"/> through System.Text.Json metadata.</summary>
public static class StreamStoreJsonExtensions
{
    /// <summary>Serializes <paramref name="value"/> and appends it; returns its sequence number.</summary>
    public static Task<long> AppendAsync<T>(
        this IStreamStore store, string stream, T value, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(typeInfo);
        return store.AppendAsync(stream, JsonSerializer.SerializeToUtf8Bytes(value, typeInfo), cancellationToken);
    }

    /// <summary>Deserializes the payload of <paramref name="entry"/>.</summary>
    /// <exception cref="JsonException">The payload is not a <typeparamref name="T"/> (or is JSON <c>null</c>).</exception>
    public static T Deserialize<T>(this StreamEntry entry, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(typeInfo);
        return JsonSerializer.Deserialize(entry.Payload.Span, typeInfo)
            ?? throw new JsonException($"Entry {entry.Sequence} of '{entry.Stream}' holds JSON null, not a {typeof(T).Name}.");
    }
}
