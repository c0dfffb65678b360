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
        StorageLimits.ValidateName(stream, nameof(stream));
        cancellationToken.ThrowIfCancellationRequested();
        var copy = payload.ToArray();
        long sequence;
        lock (_gate)
        {
            if (!_streams.TryGetValue(stream, out var entries))
            {
                _streams[stream] = entries = [];
            }

            sequence = entries.Count + 1;
            entries.Add(new StreamEntry(stream, sequence, timeProvider.GetUtcNow(), copy));
        }

        // Outside the lock: a subscriber that reads the stream back must not deadlock or stall other appenders.
        _subscriptions.Notify(stream, sequence);
        return Task.FromResult(sequence);
    }

    public Task<IReadOnlyList<StreamEntry>> ReadAsync(string stream, long afterSequence, int maxCount, CancellationToken cancellationToken)
    {
        StorageLimits.ValidateName(stream, nameof(stream));
        ArgumentOutOfRangeException.ThrowIfNegative(afterSequence);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            // Entries are copied out so a caller cannot mutate what the next reader sees.
            IReadOnlyList<StreamEntry> result = _streams.TryGetValue(stream, out var entries) && afterSequence < entries.Count
                ? entries.Skip((int)afterSequence).Take(maxCount).Select(e => e with { Payload = e.Payload.ToArray() }).ToArray()
                : [];
            return Task.FromResult(result);
        }
    }

    public Task<long> GetLastSequenceAsync(string stream, CancellationToken cancellationToken)
    {
        StorageLimits.ValidateName(stream, nameof(stream));
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(_streams.TryGetValue(stream, out var entries) ? (long)entries.Count : 0L);
        }
    }

    public IDisposable Subscribe(string stream, Action<long> onAppended)
    {
        StorageLimits.ValidateName(stream, nameof(stream));
        return _subscriptions.Subscribe(stream, onAppended);
    }
}
