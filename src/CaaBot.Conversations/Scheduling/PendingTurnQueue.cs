namespace CaaBot.Conversations.Scheduling;

/// <summary>
/// An instance's in-memory view of the turns still waiting, ordered by when each may run next. The scheduler asks it
/// for the due turns, the earliest due time and the oldest stream sequence every time a turn is scheduled; in an
/// outage it holds thousands of next-day checks, so those answers come from sorted sets instead of a scan of all of
/// them (the scan was a few percent of a busy host's CPU, growing with the queue).
/// </summary>
internal sealed class PendingTurnQueue
{
    private readonly Dictionary<string, PendingTurn> _byId = new(StringComparer.Ordinal);
    private readonly SortedSet<PendingTurn> _byDue = new(DueOrder.Instance);
    private readonly SortedSet<long> _sequences = [];

    public int Count => _byId.Count;

    /// <summary>When the earliest waiting turn may run; null when none waits.</summary>
    public DateTimeOffset? EarliestDue => _byDue.Count == 0 ? null : _byDue.Min!.NotBefore;

    /// <summary>The lowest stream sequence still waiting; null when none waits.</summary>
    public long? OldestSequence => _sequences.Count == 0 ? null : _sequences.Min;

    public bool Contains(string id) => _byId.ContainsKey(id);

    /// <summary>Adds a turn read off the stream; false when a turn with its id already waits (the stream may name one twice).</summary>
    public bool TryAdd(ScheduledTurn turn, long sequence)
    {
        if (_byId.ContainsKey(turn.Id))
        {
            return false;
        }

        var pending = new PendingTurn(turn, sequence, turn.DueAt);
        _byId.Add(turn.Id, pending);
        _byDue.Add(pending);
        _sequences.Add(sequence);
        return true;
    }

    /// <summary>The turns that may run at <paramref name="now"/>, earliest first (ties in stream order); a copy, so the caller may change the queue meanwhile.</summary>
    public List<PendingTurn> DueAt(DateTimeOffset now)
    {
        var due = new List<PendingTurn>();
        foreach (var pending in _byDue)
        {
            if (pending.NotBefore > now)
            {
                break;
            }

            due.Add(pending);
        }

        return due;
    }

    /// <summary>Moves a waiting turn to a new time (a lease held elsewhere, a retry back-off). Ignored for a turn no longer waiting.</summary>
    public void Reschedule(PendingTurn pending, DateTimeOffset notBefore)
    {
        if (!_byDue.Remove(pending))
        {
            return;
        }

        pending.NotBefore = notBefore;
        _byDue.Add(pending);
    }

    public void Remove(PendingTurn pending)
    {
        if (_byId.Remove(pending.Turn.Id))
        {
            _byDue.Remove(pending);
            _sequences.Remove(pending.Sequence);
        }
    }

    internal sealed class PendingTurn(ScheduledTurn turn, long sequence, DateTimeOffset notBefore)
    {
        public ScheduledTurn Turn => turn;

        public long Sequence => sequence;

        // Changed only through Reschedule, which re-sorts it.
        public DateTimeOffset NotBefore { get; set; } = notBefore;
    }

    // Sequences are unique per waiting turn, so the order is total and the set never merges two turns.
    private sealed class DueOrder : IComparer<PendingTurn>
    {
        public static readonly DueOrder Instance = new();

        public int Compare(PendingTurn? x, PendingTurn? y)
        {
            if (ReferenceEquals(x, y))
            {
                return 0;
            }

            ArgumentNullException.ThrowIfNull(x);
            ArgumentNullException.ThrowIfNull(y);
            var byTime = x.NotBefore.CompareTo(y.NotBefore);
            return byTime != 0 ? byTime : x.Sequence.CompareTo(y.Sequence);
        }
    }
}
