using System.Collections.Concurrent;

namespace CaaBot.Storage.Abstractions;

/// <summary>
/// The in-process half of <see cref="IStreamStore.Subscribe"/>: a registry of callbacks per stream.
/// Backends call <see cref="Notify"/> after an append commits (and, for shared backends, when another
/// instance reports one).
/// </summary>
public sealed class StreamSubscriptions
{
    private readonly ConcurrentDictionary<string, ImmutableCallbacks> _byStream = new(StringComparer.Ordinal);

    public IDisposable Subscribe(string stream, Action<long> onAppended)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(onAppended);
        _byStream.AddOrUpdate(stream, _ => new([onAppended]), (_, list) => new([.. list.Items, onAppended]));
        return new Subscription(this, stream, onAppended);
    }

    /// <summary>Tells every subscriber of <paramref name="stream"/> about <paramref name="sequence"/>. A failing callback does not stop the others.</summary>
    public void Notify(string stream, long sequence)
    {
        if (!_byStream.TryGetValue(stream, out var callbacks))
        {
            return;
        }

        foreach (var callback in callbacks.Items)
        {
            try
            {
                callback(sequence);
            }
#pragma warning disable CA1031 // One subscriber's bug must not break delivery to another conversation's socket.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }

    private void Unsubscribe(string stream, Action<long> onAppended)
    {
        while (_byStream.TryGetValue(stream, out var current))
        {
            var remaining = current.Items.Where(c => c != onAppended).ToArray();
            var done = remaining.Length == 0
                ? _byStream.TryRemove(new KeyValuePair<string, ImmutableCallbacks>(stream, current))
                : _byStream.TryUpdate(stream, new(remaining), current);
            if (done)
            {
                return;
            }
        }
    }

    private sealed record ImmutableCallbacks(Action<long>[] Items);

    private sealed class Subscription(StreamSubscriptions owner, string stream, Action<long> onAppended) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Unsubscribe(stream, onAppended);
            }
        }
    }
}
