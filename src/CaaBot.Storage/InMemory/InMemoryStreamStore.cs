using CaaBot.Storage.Abstractions;

namespace CaaBot.Storage.InMemory;

/// <summary>Streams held in lists: for tests and throwaway runs.</summary>
public sealed class InMemoryStreamStore(TimeProvider timeProvider) : IStreamStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<StreamEntry>> _streams = new(StringComparer.Ordinal);
    private readonly StreamSubscriptions _subscriptions = new();

    public InMemoryStreamStore()
        : this(TimeProvider.System)
    {
    }

    public Task<long> AppendAsync(string stream, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        long sequence;
        lock (_gate)
        {
            if (!_streams.TryGetValue(stream, out var entries))
            {
                _streams[stream] = entries = [];
            }

            sequence = entries.Count + 1;
            entries.Add(new StreamEntry(stream, sequence, timeProvider.GetUtcNow(), payload.ToArray()));
        }

        _subscriptions.Notify(stream, sequence);
        return Task.FromResult(sequence);
    }

    public Task<IReadOnlyList<StreamEntry>> ReadAsync(string stream, long afterSequence, int maxCount, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegative(afterSequence);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        lock (_gate)
        {
            IReadOnlyList<StreamEntry> result = _streams.TryGetValue(stream, out var entries) && afterSequence < entries.Count
                ? entries.Skip((int)afterSequence).Take(maxCount).ToArray()
                : [];
            return Task.FromResult(result);
        }
    }

    public Task<long> GetLastSequenceAsync(string stream, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_streams.TryGetValue(stream, out var entries) ? (long)entries.Count : 0L);
        }
    }

    public IDisposable Subscribe(string stream, Action<long> onAppended) => _subscriptions.Subscribe(stream, onAppended);
}
