using System.Collections.Concurrent;

namespace CaaBot.Storage.Abstractions;

/// <summary>
/// The in-process half of <see cref="IStreamStore.Subscribe"/>: a registry of callbacks per stream.
/// Backends call <see cref="Notify"/> after an append commits (and, for shared backends, when another
/// instance reports one).
/// </summary>
public sealed class StreamSubscriptions
{
    private readonly ConcurrentDictionary<string, Subscription[]> _byStream = new(StringComparer.Ordinal);

    /// <summary>The streams that have at least one subscriber right now (a snapshot).</summary>
    public IReadOnlyCollection<string> SubscribedStreams => [.. _byStream.Keys];

    public IDisposable Subscribe(string stream, Action<long> onAppended)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(onAppended);

        // Each subscription is its own object: the same delegate subscribed twice is two subscriptions,
        // and disposing one of them leaves the other in place (delegate equality would conflate them).
        var subscription = new Subscription(this, stream, onAppended);
        _byStream.AddOrUpdate(stream, _ => [subscription], (_, list) => [.. list, subscription]);
        return subscription;
    }

    /// <summary>Tells every subscriber of <paramref name="stream"/> about <paramref name="sequence"/>. A failing callback does not stop the others.</summary>
    public void Notify(string stream, long sequence)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!_byStream.TryGetValue(stream, out var subscriptions))
        {
            return;
        }

        foreach (var subscription in subscriptions)
        {
            try
            {
                subscription.OnAppended(sequence);
            }
#pragma warning disable CA1031 // One subscriber's bug must not break delivery to another conversation's socket.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }

    private void Unsubscribe(Subscription subscription)
    {
        // Compare-and-swap on the array reference: a concurrent Subscribe or Unsubscribe makes us retry.
        while (_byStream.TryGetValue(subscription.Stream, out var current))
        {
            var remaining = Array.FindAll(current, s => !ReferenceEquals(s, subscription));
            if (remaining.Length == current.Length)
            {
                return;
            }

            var done = remaining.Length == 0
                ? _byStream.TryRemove(new KeyValuePair<string, Subscription[]>(subscription.Stream, current))
                : _byStream.TryUpdate(subscription.Stream, remaining, current);
            if (done)
            {
                return;
            }
        }
    }

    private sealed class Subscription(StreamSubscriptions owner, string stream, Action<long> onAppended) : IDisposable
    {
        private int _disposed;

        public string Stream => stream;

        public Action<long> OnAppended => onAppended;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Unsubscribe(this);
            }
        }
    }
}
