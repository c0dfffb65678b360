using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace CaaBot.Knowledge.Playbooks;

/// <summary>
/// The playbooks the bot serves, reloaded from their folder whenever a file changes (no restart).
/// <list type="bullet">
/// <item>Readers get immutable <see cref="PlaybookCatalogSnapshot"/>s; a reload swaps the reference.</item>
/// <item>A file that fails to load keeps serving its last good revision (per file, not all-or-nothing), so
/// one typo never takes a playbook away from users while the rest of an edit goes live. A deleted file is
/// removed. Before the first good load of a file there is nothing to keep, so it is simply missing.</item>
/// <item>Replaced revisions stay reachable by <c>(id, revision)</c> for <see cref="PlaybookCatalogOptions.RevisionRetention"/>,
/// so a conversation that started on a playbook finishes on the same steps. Revisions are content hashes,
/// so they also survive a restart when the file did not change (snapshot versions would not).</item>
/// </list>
/// </summary>
public sealed class PlaybookCatalog : IAsyncDisposable
{
    private readonly PlaybookCatalogOptions _options;
    private readonly PlaybookLoader _loader;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<PlaybookCatalog> _logger;
    private readonly SemaphoreSlim _reloadGate = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _retiredLock = new();
    private readonly Dictionary<(string Id, string Revision), (Playbook Playbook, DateTimeOffset RetiredAt)> _retired = [];
    private PlaybookCatalogSnapshot _current = PlaybookCatalogSnapshot.Empty;
    private PlaybookLoadResult? _lastLoad;
    private string? _fingerprint;
    private FileSystemWatcher? _watcher;
    private ITimer? _debounceTimer;
    private ITimer? _pollTimer;
    private bool _disposed;

    public PlaybookCatalog(PlaybookCatalogOptions options, PlaybookLoader loader, TimeProvider timeProvider, ILogger<PlaybookCatalog> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.PlaybookFolder);
        _options = options;
        _loader = loader;
        _timeProvider = timeProvider;
        _logger = logger;
        Folder = Path.GetFullPath(options.PlaybookFolder);
    }

    public string Folder { get; }

    /// <summary>The latest snapshot; <see cref="PlaybookCatalogSnapshot.Empty"/> until the first load.</summary>
    public PlaybookCatalogSnapshot Current => Volatile.Read(ref _current);

    /// <summary>The outcome of the latest load, with its diagnostics (null before the first load).</summary>
    public PlaybookLoadResult? LastLoad => Volatile.Read(ref _lastLoad);

    /// <summary>Loads the folder, then watches it when <see cref="PlaybookCatalogOptions.WatchForChanges"/> is on.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await ReloadAsync(cancellationToken);
        if (!_options.WatchForChanges)
        {
            return;
        }

        _debounceTimer = _timeProvider.CreateTimer(_ => _ = ReloadInBackgroundAsync(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        TryWatch();
        if (_options.PollInterval > TimeSpan.Zero)
        {
            _pollTimer = _timeProvider.CreateTimer(_ => Poll(), null, _options.PollInterval, _options.PollInterval);
        }
    }

    /// <summary>Reads the folder now and publishes a new snapshot when anything changed.</summary>
    public async Task<PlaybookCatalogSnapshot> ReloadAsync(CancellationToken cancellationToken)
    {
        await _reloadGate.WaitAsync(cancellationToken);
        try
        {
            // Taken before reading, so a change made during the load is seen by the next poll.
            Volatile.Write(ref _fingerprint, Fingerprint(Folder));
            var result = await _loader.LoadAsync(Folder, cancellationToken);
            Volatile.Write(ref _lastLoad, result);
            var snapshot = Publish(result);
            Report(result, snapshot);
            return snapshot;
        }
        finally
        {
            _reloadGate.Release();
        }
    }

    /// <summary>
    /// The playbook with this id at this revision: the current one when it still matches, else a replaced
    /// revision kept for <see cref="PlaybookCatalogOptions.RevisionRetention"/>. False when it is gone; the
    /// caller then restarts the flow on the current revision.
    /// </summary>
    public bool TryGetRevision(string id, string revision, [NotNullWhen(true)] out Playbook? playbook)
    {
        if (Current.TryGetById(id, out playbook) && string.Equals(playbook.Revision, revision, StringComparison.Ordinal))
        {
            return true;
        }

        lock (_retiredLock)
        {
            if (_retired.TryGetValue((id.ToLowerInvariant(), revision), out var entry)
                && _timeProvider.GetUtcNow() - entry.RetiredAt <= _options.RevisionRetention)
            {
                playbook = entry.Playbook;
                return true;
            }
        }

        playbook = null;
        return false;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _stopping.CancelAsync();
        _watcher?.Dispose();
        if (_debounceTimer is not null)
        {
            await _debounceTimer.DisposeAsync();
        }

        if (_pollTimer is not null)
        {
            await _pollTimer.DisposeAsync();
        }

        // Let a reload in flight finish before the token source goes away.
        await _reloadGate.WaitAsync(CancellationToken.None);
        _stopping.Dispose();
        _reloadGate.Release();
    }

    private PlaybookCatalogSnapshot Publish(PlaybookLoadResult result)
    {
        var previous = Current;
        if (previous.Version > 0 && result.Diagnostics.Any(d => d.IsError && d.FilePath == result.Folder))
        {
            // The whole folder is gone or unreadable (an unmounted share, a deploy in progress): that is
            // an outage, not an edit, so every playbook stays as it was.
            return previous;
        }

        Dictionary<string, Playbook> next = result.Playbooks.ToDictionary(p => p.Id, StringComparer.OrdinalIgnoreCase);
        var names = new HashSet<string>(result.Playbooks.SelectMany(Names), StringComparer.OrdinalIgnoreCase);
        List<string> kept = [];
        foreach (var id in result.RejectedPlaybookIds)
        {
            if (!previous.TryGetById(id, out var lastGood) || next.ContainsKey(id))
            {
                continue;
            }

            if (Names(lastGood).Any(names.Contains))
            {
                PlaybookCatalogLog.DroppedLastGood(_logger, id);
                continue;
            }

            next[id] = lastGood;
            names.UnionWith(Names(lastGood));
            kept.Add(lastGood.Id);
            PlaybookCatalogLog.KeptLastGood(_logger, lastGood.Id, lastGood.Revision);
        }

        if (SameContent(previous, next.Values, kept))
        {
            return previous;
        }

        var now = _timeProvider.GetUtcNow();
        Retire(previous, next, now);
        var snapshot = new PlaybookCatalogSnapshot(previous.Version + 1, now, next.Values, kept);
        Volatile.Write(ref _current, snapshot);
        return snapshot;
    }

    private void Retire(PlaybookCatalogSnapshot previous, Dictionary<string, Playbook> next, DateTimeOffset now)
    {
        lock (_retiredLock)
        {
            foreach (var old in previous.Playbooks)
            {
                if (!next.TryGetValue(old.Id, out var replacement) || replacement.Revision != old.Revision)
                {
                    _retired[(old.Id.ToLowerInvariant(), old.Revision)] = (old, now);
                }
            }

            foreach (var key in _retired.Where(e => now - e.Value.RetiredAt > _options.RevisionRetention).Select(e => e.Key).ToList())
            {
                _retired.Remove(key);
            }
        }
    }

    private void Report(PlaybookLoadResult result, PlaybookCatalogSnapshot snapshot)
    {
        foreach (var diagnostic in result.Diagnostics)
        {
            if (diagnostic.IsError)
            {
                PlaybookCatalogLog.DiagnosticError(_logger, diagnostic.Format());
            }
            else
            {
                PlaybookCatalogLog.DiagnosticWarning(_logger, diagnostic.Format());
            }
        }

        PlaybookCatalogLog.Loaded(_logger, snapshot.Playbooks.Count, Folder, snapshot.Version, result.ErrorCount, result.WarningCount);
    }

    private void TryWatch()
    {
        if (_watcher is not null || _disposed)
        {
            return;
        }

        try
        {
            var watcher = new FileSystemWatcher(Folder)
            {
                IncludeSubdirectories = true,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
            };
            watcher.Changed += (_, _) => ScheduleReload();
            watcher.Created += (_, _) => ScheduleReload();
            watcher.Deleted += (_, _) => ScheduleReload();
            watcher.Renamed += (_, _) => ScheduleReload();
            watcher.Error += (_, _) => ScheduleReload();
            watcher.EnableRaisingEvents = true;
            _watcher = watcher;
        }
        catch (Exception ex) when (ex is ArgumentException or IOException or PlatformNotSupportedException or UnauthorizedAccessException)
        {
            // A missing folder cannot be watched yet; polling retries and picks it up once it exists.
            PlaybookCatalogLog.WatchFailed(_logger, Folder, ex.Message);
        }
    }

    /// <summary>Restarts the quiet period: the reload runs once the events stop.</summary>
    private void ScheduleReload()
    {
        if (!_disposed)
        {
            _debounceTimer?.Change(_options.ReloadDelay, Timeout.InfiniteTimeSpan);
        }
    }

    private void Poll()
    {
        if (_disposed)
        {
            return;
        }

        TryWatch();
        if (!string.Equals(Fingerprint(Folder), Volatile.Read(ref _fingerprint), StringComparison.Ordinal))
        {
            ScheduleReload();
        }
    }

    private async Task ReloadInBackgroundAsync()
    {
        try
        {
            await ReloadAsync(_stopping.Token);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (ObjectDisposedException) when (_disposed)
        {
            // Shutting down.
        }
        catch (Exception ex)
        {
            // Keep serving the last snapshot; the next change or poll tries again.
            PlaybookCatalogLog.ReloadFailed(_logger, Folder, ex);
        }
    }

    private static IEnumerable<string> Names(Playbook playbook) =>
        playbook.Code is { } code ? [code, .. playbook.Aliases] : playbook.Aliases;

    private static bool SameContent(PlaybookCatalogSnapshot previous, IEnumerable<Playbook> next, List<string> kept)
    {
        var nextList = next.ToList();
        return previous.Version > 0
            && previous.Playbooks.Count == nextList.Count
            && nextList.All(p => previous.TryGetById(p.Id, out var old) && old.Revision == p.Revision && old.SourcePath == p.SourcePath)
            && previous.KeptFromEarlier.Order(StringComparer.Ordinal).SequenceEqual(kept.Order(StringComparer.Ordinal), StringComparer.Ordinal);
    }

    /// <summary>Names, sizes and write times of every Markdown file: cheap to compare on each poll.</summary>
    private static string Fingerprint(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return string.Empty;
        }

        try
        {
            var builder = new StringBuilder();
            foreach (var file in new DirectoryInfo(folder).EnumerateFiles("*.md", SearchOption.AllDirectories).OrderBy(f => f.FullName, StringComparer.Ordinal))
            {
                builder.Append(file.FullName).Append('|')
                    .Append(file.Length.ToString(CultureInfo.InvariantCulture)).Append('|')
                    .Append(file.LastWriteTimeUtc.Ticks.ToString(CultureInfo.InvariantCulture)).Append('\n');
            }

            return builder.ToString();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "unreadable";
        }
    }
}
