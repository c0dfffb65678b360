namespace CaaBot.Conversations.Turns;

/// <summary>
/// One async lock per key (conversation), created on first use and dropped when nobody holds or waits for it,
/// so an idle conversation costs nothing and different conversations never wait for each other.
/// </summary>
internal sealed class KeyedAsyncLock
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>How many keys currently have a holder or waiter.</summary>
    public int ActiveKeyCount
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    public async Task<Releaser> AcquireAsync(string key, CancellationToken cancellationToken)
    {
        Entry entry;
        lock (_gate)
        {
            if (!_entries.TryGetValue(key, out entry!))
            {
                _entries[key] = entry = new Entry();
            }

            entry.Users++;
        }

        try
        {
            await entry.Semaphore.WaitAsync(cancellationToken);
        }
        catch
        {
            Leave(key, entry);
            throw;
        }

        return new Releaser(this, key, entry);
    }

    private void Leave(string key, Entry entry)
    {
        lock (_gate)
        {
            if (--entry.Users == 0)
            {
                _entries.Remove(key);
            }
        }
    }

    internal sealed class Entry
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);

        public int Users { get; set; }
    }

    internal readonly struct Releaser(KeyedAsyncLock owner, string key, Entry entry) : IDisposable
    {
        public void Dispose()
        {
            entry.Semaphore.Release();
            owner.Leave(key, entry);
        }
    }
}
