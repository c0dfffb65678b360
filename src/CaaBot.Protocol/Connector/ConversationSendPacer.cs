namespace CaaBot.Protocol.Connector;

/// <summary>
/// Keeps the bot's messages to one conversation within Teams' per-thread limits, so a burst (a long reply, proactive
/// follow-ups) waits its turn instead of collecting 429s: each send reserves the earliest moment at which every
/// window still has room, and waits for it on the <see cref="TimeProvider"/>. Conversations do not slow each other.
/// </summary>
public sealed class ConversationSendPacer(TimeProvider timeProvider, IReadOnlyList<(int Count, TimeSpan Window)>? limits = null)
{
    /// <summary>Teams' documented limits per bot and thread for sending: 7 in 1 s, 8 in 2 s, 60 in 30 s, 1,800 in an hour.</summary>
    public static IReadOnlyList<(int Count, TimeSpan Window)> TeamsPerThreadLimits { get; } =
    [
        (7, TimeSpan.FromSeconds(1)),
        (8, TimeSpan.FromSeconds(2)),
        (60, TimeSpan.FromSeconds(30)),
        (1800, TimeSpan.FromHours(1)),
    ];

    private readonly IReadOnlyList<(int Count, TimeSpan Window)> _limits = Validated(limits ?? TeamsPerThreadLimits);
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<DateTimeOffset>> _reservations = new(StringComparer.Ordinal);
    private readonly TimeSpan _longest = (limits ?? TeamsPerThreadLimits).Max(limit => limit.Window);
    private int _sendsSinceSweep;

    /// <summary>Waits until a send to <paramref name="conversationKey"/> fits every window, and counts it.</summary>
    public Task WaitTurnAsync(string conversationKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversationKey);
        var delay = Reserve(conversationKey) - timeProvider.GetUtcNow();
        return delay > TimeSpan.Zero ? Task.Delay(delay, timeProvider, cancellationToken) : Task.CompletedTask;
    }

    /// <summary>Conversations with sends still inside the longest window (the rest are forgotten).</summary>
    public int TrackedConversations
    {
        get
        {
            lock (_gate)
            {
                return _reservations.Count;
            }
        }
    }

    private DateTimeOffset Reserve(string key)
    {
        lock (_gate)
        {
            var now = timeProvider.GetUtcNow();
            if (++_sendsSinceSweep >= 1_000)
            {
                Sweep(now);
            }

            if (!_reservations.TryGetValue(key, out var sent))
            {
                sent = [];
                _reservations[key] = sent;
            }

            sent.RemoveAll(at => at <= now - _longest);

            // Reservations are in order; the slot is after the last one and after the send that must leave each window.
            var slot = sent.Count > 0 && sent[^1] > now ? sent[^1] : now;
            foreach (var (count, window) in _limits)
            {
                if (sent.Count >= count && sent[^count] + window > slot)
                {
                    slot = sent[^count] + window;
                }
            }

            sent.Add(slot);
            return slot;
        }
    }

    private void Sweep(DateTimeOffset now)
    {
        _sendsSinceSweep = 0;
        foreach (var (key, sent) in _reservations.ToList())
        {
            if (sent.Count == 0 || sent[^1] <= now - _longest)
            {
                _reservations.Remove(key);
            }
        }
    }

    private static IReadOnlyList<(int Count, TimeSpan Window)> Validated(IReadOnlyList<(int Count, TimeSpan Window)> limits) =>
        limits.Count > 0 && limits.All(limit => limit.Count > 0 && limit.Window > TimeSpan.Zero)
            ? limits
            : throw new ArgumentException("Each limit needs a positive count and window.", nameof(limits));
}
