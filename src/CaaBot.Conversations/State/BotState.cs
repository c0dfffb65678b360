using CaaBot.Storage.Abstractions;

namespace CaaBot.Conversations.State;

/// <summary>
/// One loaded state document for the length of a turn. Loading and committing belong to the
/// <see cref="Turns.TurnProcessor"/>; bots read and write it through <see cref="StateProperty{T}"/>.
/// </summary>
/// <remarks>Property values are kept as raw UTF-8 JSON: read straight from the stored bytes, written as they were serialized.</remarks>
public abstract class BotState
{
    private readonly Dictionary<string, ReadOnlyMemory<byte>> _properties;
    // Created on the first change: most turns never touch user state.
    private HashSet<string>? _changed;

    private protected BotState(string? storageKey, StateDocument document, string? etag)
    {
        StorageKey = storageKey;
        ETag = etag;
        // The parsed document is this state's own copy, so its dictionary is taken over rather than copied.
        _properties = document.Properties;
    }

    /// <summary>Where the document is stored; null for a state that is never saved (no identifiable user).</summary>
    public string? StorageKey { get; }

    internal string? ETag { get; private set; }

    internal bool HasChanges => _changed is { Count: > 0 };

    internal bool TryGetValue(string name, out ReadOnlyMemory<byte> json) => _properties.TryGetValue(name, out json);

    /// <summary>Stores <paramref name="json"/> (one complete, valid JSON value) under <paramref name="name"/>.</summary>
    internal void SetValue(string name, ReadOnlyMemory<byte> json)
    {
        _properties[name] = json;
        (_changed ??= new(StringComparer.Ordinal)).Add(name);
    }

    internal void RemoveValue(string name)
    {
        if (_properties.Remove(name))
        {
            (_changed ??= new(StringComparer.Ordinal)).Add(name);
        }
    }

    private protected virtual List<string>? ProcessedActivityIds => null;

    /// <summary>Writes the document if nobody changed it since it was read; throws <see cref="ConcurrencyConflictException"/> otherwise.</summary>
    internal async Task SaveAsync(IDocumentStore store, CancellationToken cancellationToken)
    {
        if (StorageKey is null)
        {
            return;
        }

        var precondition = ETag is null ? WritePrecondition.MustNotExist : WritePrecondition.IfMatch(ETag);
        ETag = await store.WriteAsync(StorageKey, StateDocument.ToUtf8Bytes(_properties, ProcessedActivityIds), precondition, cancellationToken);
        _changed?.Clear();
    }

    /// <summary>
    /// Re-applies this turn's changed properties on top of a fresher copy of the document (last writer wins per
    /// property). Used for user state, which other conversations of the same person may write at the same time.
    /// </summary>
    internal void RebaseOnto(StoredDocument? fresh)
    {
        var freshProperties = fresh is null ? [] : StateDocument.Parse(fresh.Content).Properties;
        foreach (var name in _changed ?? [])
        {
            if (_properties.TryGetValue(name, out var ours))
            {
                freshProperties[name] = ours;
            }
            else
            {
                freshProperties.Remove(name);
            }
        }

        _properties.Clear();
        foreach (var (name, value) in freshProperties)
        {
            _properties[name] = value;
        }

        ETag = fresh?.ETag;
    }
}
