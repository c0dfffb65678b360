namespace CaaBot.Storage.Abstractions;

/// <summary>
/// Append-only streams of entries numbered 1, 2, 3… per stream: Direct Line history (watermarks),
/// transcripts, the helpdesk outbox, analytics events. Subscribers hear of every append, including
/// (in shared backends) appends made by another instance.
/// </summary>
public interface IStreamStore
{
    /// <summary>Appends one entry and returns its sequence number in <paramref name="stream"/>.</summary>
    Task<long> AppendAsync(string stream, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="maxCount"/> entries with a sequence greater than <paramref name="afterSequence"/>, oldest first.</summary>
    Task<IReadOnlyList<StreamEntry>> ReadAsync(string stream, long afterSequence, int maxCount, CancellationToken cancellationToken);

    /// <summary>The highest sequence in <paramref name="stream"/>, 0 when it is empty.</summary>
    Task<long> GetLastSequenceAsync(string stream, CancellationToken cancellationToken);

    /// <summary>
    /// Calls <paramref name="onAppended"/> with the new sequence after each append to <paramref name="stream"/>.
    /// The callback must not block; read the entries from the store. Dispose to unsubscribe.
    /// </summary>
    IDisposable Subscribe(string stream, Action<long> onAppended);
}
