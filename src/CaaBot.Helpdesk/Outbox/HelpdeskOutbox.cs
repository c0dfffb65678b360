using System.Text.Json;
using CaaBot.Helpdesk.BuiltIn;
using CaaBot.Helpdesk.Connectors;
using CaaBot.Helpdesk.Tickets;
using CaaBot.Helpdesk.Transcripts;
using CaaBot.Storage.Abstractions;
using Microsoft.Extensions.Logging;

namespace CaaBot.Helpdesk.Outbox;

/// <summary>
/// The durable outbox between the built-in queue and the external helpdesk systems. Filing an escalation stores
/// the built-in ticket and one <see cref="OutboxEntry"/> per configured connector before anything is sent, then
/// tries the deliveries for a short bounded time so the user sees the external number at once when the systems
/// are up. Whatever is left is delivered by <see cref="DeliverDueAsync"/> (the delivery worker) with exponential
/// backoff, under a lease taken by ETag so instances sharing the store never attempt one entry together. After an
/// attempt that may have landed, the connector is asked to find the ticket before creating it again.
/// </summary>
public sealed class HelpdeskOutbox
{
    private const int MaxParallelAttempts = 4;
    private const int IndexPageSize = 500;

    private readonly IDocumentStore _documents;
    private readonly IStreamStore _streams;
    private readonly BuiltInTicketQueue _tickets;
    private readonly TicketTranscriptReader _transcripts;
    private readonly OutboxOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly ITicketUpdates? _updates;
    private readonly Lock _knownGate = new();
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _indexGate = new(1, 1);
    private long _indexCursor;

    public HelpdeskOutbox(
        IDocumentStore documents,
        IStreamStore streams,
        BuiltInTicketQueue tickets,
        HelpdeskConnectors connectors,
        OutboxOptions options,
        TimeProvider timeProvider,
        ILogger<HelpdeskOutbox> logger,
        ITicketUpdates? updates = null)
    {
        _documents = documents ?? throw new ArgumentNullException(nameof(documents));
        _streams = streams ?? throw new ArgumentNullException(nameof(streams));
        _tickets = tickets ?? throw new ArgumentNullException(nameof(tickets));
        Connectors = connectors ?? throw new ArgumentNullException(nameof(connectors));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _updates = updates;
        _transcripts = new TicketTranscriptReader(streams);
    }

    /// <summary>This instance's lease owner id.</summary>
    public string InstanceId { get; } = Guid.NewGuid().ToString("N")[..12];

    public HelpdeskConnectors Connectors { get; }

    public OutboxOptions Options => _options;

    /// <summary>
    /// Files <paramref name="request"/>: the built-in ticket, then an outbox entry per connector (with the transcript
    /// as of now, from <paramref name="transcriptStream"/>), then an inline delivery attempt of at most
    /// <see cref="OutboxOptions.InlineDeliveryTimeout"/>. Idempotent on the request id like the queue itself.
    /// </summary>
    public async Task<EscalationReceipt> FileAsync(TicketRequest request, string? transcriptStream, CancellationToken cancellationToken)
    {
        var ticket = await _tickets.SubmitAsync(request, cancellationToken);
        if (Connectors.All.Count == 0)
        {
            return new EscalationReceipt(ticket, [], [], []);
        }

        var upTo = string.IsNullOrEmpty(transcriptStream) ? 0 : await _streams.GetLastSequenceAsync(transcriptStream, cancellationToken);
        var keys = new List<string>();
        foreach (var connector in Connectors.All)
        {
            keys.Add(await RecordAsync(ticket, connector.Name, transcriptStream, upTo, cancellationToken));
        }

        if (_options.InlineDeliveryTimeout > TimeSpan.Zero)
        {
            using var inline = new CancellationTokenSource(_options.InlineDeliveryTimeout, _timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(inline.Token, cancellationToken);
            await Task.WhenAll(keys.Select(key => AttemptAsync(key, inline: true, linked.Token, cancellationToken)));
        }

        var entries = new List<OutboxEntry>();
        foreach (var key in keys)
        {
            if (await ReadAsync(key, cancellationToken) is { } entry)
            {
                entries.Add(entry.Value);
            }
        }

        var current = await _tickets.FindAsync(ticket.Number, cancellationToken) ?? ticket;
        return new EscalationReceipt(
            current,
            [.. entries.Where(entry => entry.State == OutboxEntryState.Delivered && entry.External is not null).Select(entry => entry.External!)],
            [.. entries.Where(entry => entry.State == OutboxEntryState.Pending).Select(entry => entry.Connector)],
            [.. entries.Where(entry => entry.State == OutboxEntryState.Failed).Select(entry => entry.Connector)]);
    }

    /// <summary>One pass of the delivery worker: every due entry attempted, every pending message to a user sent. Returns the entries looked at.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var keys = await KnownKeysAsync(cancellationToken);
        await Parallel.ForEachAsync(
            keys,
            new ParallelOptions { MaxDegreeOfParallelism = MaxParallelAttempts, CancellationToken = cancellationToken },
            async (key, token) =>
            {
                var entry = await ReadAsync(key, token);
                if (entry is null)
                {
                    Forget(key);
                    return;
                }

                switch (entry.Value.State)
                {
                    case OutboxEntryState.Pending:
                        await AttemptAsync(key, inline: false, token, token);
                        break;
                    case OutboxEntryState.Delivered or OutboxEntryState.Failed when !entry.Value.UserTold:
                        await AnnounceOutcomeAsync(key, token);
                        break;
                    default:
                        if (entry.Value.IsSettled(CanPollStatus(entry.Value)))
                        {
                            Forget(key);
                        }

                        break;
                }
            });
        return keys.Count;
    }

    /// <summary>One pass of the status worker: every delivered ticket whose check is due is read, and a change is announced once.</summary>
    public async Task<int> PollStatusesAsync(CancellationToken cancellationToken)
    {
        var keys = await KnownKeysAsync(cancellationToken);
        var checkedCount = 0;
        await Parallel.ForEachAsync(
            keys,
            new ParallelOptions { MaxDegreeOfParallelism = MaxParallelAttempts, CancellationToken = cancellationToken },
            async (key, token) =>
            {
                if (await PollAsync(key, force: false, announce: true, _options.AttemptTimeout, token))
                {
                    Interlocked.Increment(ref checkedCount);
                }
            });
        return checkedCount;
    }

    /// <summary>
    /// The deliveries of <paramref name="ticket"/>, with the status of each external ticket read now (within
    /// <see cref="OutboxOptions.StatusReadTimeout"/>; the last known status otherwise). What the user sees here is
    /// not announced to them again.
    /// </summary>
    public async Task<IReadOnlyList<OutboxEntry>> ReadStatusAsync(Ticket ticket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var entries = new List<OutboxEntry>();
        foreach (var connector in Connectors.All)
        {
            var key = OutboxKeys.Entry(ticket.Number, connector.Name);
            await PollAsync(key, force: true, announce: false, _options.StatusReadTimeout, cancellationToken);
            if (await ReadAsync(key, cancellationToken) is { } entry)
            {
                entries.Add(entry.Value);
            }
        }

        return entries;
    }

    /// <summary>Every outbox entry ever recorded, newest first: what admins look at (failed ones above all).</summary>
    public async Task<IReadOnlyList<OutboxEntry>> ListAsync(CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        long after = 0;
        while (true)
        {
            var page = await _streams.ReadAsync(OutboxKeys.IndexStream, after, IndexPageSize, cancellationToken);
            if (page.Count == 0)
            {
                break;
            }

            foreach (var item in page)
            {
                if (KeyOf(item) is { } key && seen.Add(key))
                {
                    keys.Add(key);
                }
            }

            after = page[^1].Sequence;
        }

        var entries = new List<OutboxEntry>(keys.Count);
        for (var i = keys.Count - 1; i >= 0; i--)
        {
            if (await ReadAsync(keys[i], cancellationToken) is { } entry)
            {
                entries.Add(entry.Value);
            }
        }

        return entries;
    }

    /// <summary>Puts a failed delivery back in the queue for another round of attempts (an admin fixed the cause). False when there is no such failed entry.</summary>
    public async Task<bool> RetryAsync(string number, string connector, CancellationToken cancellationToken)
    {
        var key = OutboxKeys.Entry(number, connector);
        var entry = await ReadAsync(key, cancellationToken);
        if (entry is not { Value.State: OutboxEntryState.Failed })
        {
            return false;
        }

        var retried = entry.Value with
        {
            State = OutboxEntryState.Pending,
            Attempts = Math.Max(1, entry.Value.Attempts) is var attempts && attempts >= _options.MaxAttempts ? 1 : attempts,
            NextAttemptAt = _timeProvider.GetUtcNow(),
            FailedAt = null,
            UserTold = false,
            UpdateAttempts = 0,
        };
        try
        {
            await _documents.WriteAsync(key, retried, HelpdeskJsonContext.Default.OutboxEntry, WritePrecondition.IfMatch(entry.ETag), cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            return false;
        }

        await _streams.AppendAsync(OutboxKeys.IndexStream, new OutboxIndexEntry(number, connector), HelpdeskJsonContext.Default.OutboxIndexEntry, cancellationToken);
        OutboxLog.Retried(_logger, number, connector);
        return true;
    }

    private async Task<string> RecordAsync(Ticket ticket, string connector, string? transcriptStream, long upTo, CancellationToken cancellationToken)
    {
        var key = OutboxKeys.Entry(ticket.Number, connector);
        var now = _timeProvider.GetUtcNow();
        var entry = new OutboxEntry
        {
            TicketNumber = ticket.Number,
            Connector = connector,
            State = OutboxEntryState.Pending,
            RecordedAt = now,
            NextAttemptAt = now,
            TranscriptStream = transcriptStream,
            TranscriptUpTo = upTo,
        };
        var fresh = true;
        try
        {
            await _documents.WriteAsync(key, entry, HelpdeskJsonContext.Default.OutboxEntry, WritePrecondition.MustNotExist, cancellationToken);
            OutboxLog.Recorded(_logger, ticket.Number, connector);
        }
        catch (ConcurrencyConflictException)
        {
            // Filed before (a retried turn): the entry is there already, whatever state it reached.
            fresh = false;
        }

        // Listed after the document is written, so a worker reading the index always finds it. A crash between the
        // two is repaired by the retried turn; repeated names are harmless.
        if (fresh || await ReadAsync(key, cancellationToken) is { Value.State: OutboxEntryState.Pending })
        {
            await _streams.AppendAsync(OutboxKeys.IndexStream, new OutboxIndexEntry(ticket.Number, connector), HelpdeskJsonContext.Default.OutboxIndexEntry, cancellationToken);
        }

        Remember(key);
        return key;
    }

    /// <summary>
    /// Claims <paramref name="key"/> (when it is pending, due and not leased by a live attempt) and attempts it.
    /// <paramref name="attemptToken"/> bounds the connector calls; the bookkeeping runs on <paramref name="cancellationToken"/>.
    /// </summary>
    private async Task AttemptAsync(string key, bool inline, CancellationToken attemptToken, CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();
        var stored = await ReadAsync(key, cancellationToken);
        if (stored is not { Value.State: OutboxEntryState.Pending } || (!inline && stored.Value.NextAttemptAt > now)
            || (stored.Value.LeaseExpiresAt is { } leaseEnd && leaseEnd > now))
        {
            return;
        }

        var entry = stored.Value with
        {
            Attempts = stored.Value.Attempts + 1,
            LeaseOwner = InstanceId,
            LeaseExpiresAt = now + _options.LeaseDuration,
            LastAttemptAt = now,
        };
        string etag;
        try
        {
            etag = await _documents.WriteAsync(key, entry, HelpdeskJsonContext.Default.OutboxEntry, WritePrecondition.IfMatch(stored.ETag), cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            return; // another instance claimed it first
        }

        if (Connectors.Find(entry.Connector) is not { } connector)
        {
            await FailAttemptAsync(key, entry, etag, $"No connector named '{entry.Connector}' is configured on instance {InstanceId}.", permanent: false, cancellationToken);
            return;
        }

        if (await _tickets.FindAsync(entry.TicketNumber, cancellationToken) is not { } ticket)
        {
            await FailAttemptAsync(key, entry, etag, $"The built-in ticket {entry.TicketNumber} does not exist.", permanent: true, cancellationToken);
            return;
        }

        using var timeout = new CancellationTokenSource(_options.AttemptTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, attemptToken);
        try
        {
            ExternalTicket? external = null;
            if (entry.Attempts > 1)
            {
                // An earlier attempt may have created it and died (or timed out) before hearing so.
                external = await connector.FindAsync(ticket, linked.Token);
                if (external is not null)
                {
                    OutboxLog.FoundEarlier(_logger, entry.TicketNumber, entry.Connector, external.DisplayNumber);
                }
            }

            if (external is null)
            {
                var transcript = await _transcripts.ReadAsync(entry.TranscriptStream, entry.TranscriptUpTo, linked.Token);
                external = await connector.CreateAsync(ticket, transcript, linked.Token);
            }

            await CompleteAsync(key, entry, etag, external, inline, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw; // shutting down: the lease runs out and the next attempt looks for the ticket first
        }
        catch (HelpdeskDeliveryException exception)
        {
            await FailAttemptAsync(key, entry, etag, exception.Message, exception.IsPermanent, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            var error = timeout.IsCancellationRequested
                ? $"No answer within {_options.AttemptTimeout}."
                : $"Not delivered within the {_options.InlineDeliveryTimeout} the user waits; the worker carries on.";
            await FailAttemptAsync(key, entry, etag, error, permanent: false, cancellationToken);
        }
#pragma warning disable CA1031 // A connector's bug must not stop the outbox: it counts as a failed attempt, and admins see the message.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            await FailAttemptAsync(key, entry, etag, $"{exception.GetType().Name}: {exception.Message}", permanent: false, cancellationToken);
        }
    }

    private async Task CompleteAsync(string key, OutboxEntry entry, string etag, ExternalTicket external, bool inline, CancellationToken cancellationToken)
    {
        // The ticket first: once the entry says Delivered, nothing comes back to repair the ticket.
        await _tickets.RecordExternalAsync(entry.TicketNumber, external, cancellationToken);
        var now = _timeProvider.GetUtcNow();
        var delivered = entry with
        {
            State = OutboxEntryState.Delivered,
            External = external,
            DeliveredAt = now,
            LeaseOwner = null,
            LeaseExpiresAt = null,
            LastError = null,
            UserTold = inline,
            NextStatusCheckAt = now + _options.StatusPollInterval,
        };
        try
        {
            await _documents.WriteAsync(key, delivered, HelpdeskJsonContext.Default.OutboxEntry, WritePrecondition.IfMatch(etag), cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            // Our lease ran out and another instance took the entry over; it will find this ticket before creating one.
            await _documents.UpdateAsync(
                key,
                current => current is { Value.State: OutboxEntryState.Delivered } ? current.Value : delivered,
                HelpdeskJsonContext.Default.OutboxEntry,
                cancellationToken);
        }

        OutboxLog.Delivered(_logger, entry.TicketNumber, entry.Connector, external.DisplayNumber, entry.Attempts);
        if (!inline)
        {
            await AnnounceOutcomeAsync(key, cancellationToken);
        }
    }

    private async Task FailAttemptAsync(string key, OutboxEntry entry, string etag, string error, bool permanent, CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();
        var givingUp = permanent || entry.Attempts >= _options.MaxAttempts;
        var failed = entry with
        {
            State = givingUp ? OutboxEntryState.Failed : OutboxEntryState.Pending,
            NextAttemptAt = now + _options.RetryDelay(entry.Attempts),
            LeaseOwner = null,
            LeaseExpiresAt = null,
            LastError = error,
            FailedAt = givingUp ? now : null,
        };
        try
        {
            await _documents.WriteAsync(key, failed, HelpdeskJsonContext.Default.OutboxEntry, WritePrecondition.IfMatch(etag), cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            return; // another instance owns the entry now
        }

        if (givingUp)
        {
            OutboxLog.GaveUp(_logger, entry.TicketNumber, entry.Connector, entry.Attempts, error);
            await AnnounceOutcomeAsync(key, cancellationToken);
        }
        else
        {
            OutboxLog.AttemptFailed(_logger, entry.TicketNumber, entry.Connector, entry.Attempts, failed.NextAttemptAt, error);
        }
    }

    /// <summary>Tells the user a late delivery happened or was given up on, once: claimed by ETag, marked after it was sent.</summary>
    private async Task AnnounceOutcomeAsync(string key, CancellationToken cancellationToken)
    {
        var stored = await ReadAsync(key, cancellationToken);
        if (stored is not { Value: { UserTold: false, State: OutboxEntryState.Delivered or OutboxEntryState.Failed } entry })
        {
            return;
        }

        var kind = entry.State == OutboxEntryState.Delivered ? TicketUpdateKind.Delivered : TicketUpdateKind.DeliveryFailed;
        var told = await PublishOnceAsync(key, stored, kind, status: null, cancellationToken);
        if (told is not null)
        {
            await TryWriteAsync(key, told.Value.Entry with { UserTold = true }, told.Value.ETag, cancellationToken);
        }
    }

    /// <summary>
    /// Reads the status of the external ticket under <paramref name="key"/> when due (or <paramref name="force"/>d);
    /// records a change and, when <paramref name="announce"/>, tells the user once. True when the system was asked.
    /// </summary>
    private async Task<bool> PollAsync(string key, bool force, bool announce, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var stored = await ReadAsync(key, cancellationToken);
        if (stored is not { Value: { State: OutboxEntryState.Delivered, External: { } external } entry })
        {
            return false;
        }

        if (!entry.StatusAnnounced && announce)
        {
            await AnnounceStatusAsync(key, stored, cancellationToken);
            return false;
        }

        var now = _timeProvider.GetUtcNow();
        if (entry.NextStatusCheckAt is not { } due || (!force && due > now) || Connectors.Find(entry.Connector) is not { } connector)
        {
            return false;
        }

        if (!force && entry.DeliveredAt is { } deliveredAt && now - deliveredAt > _options.StatusPollMaxAge)
        {
            await TryWriteAsync(key, entry with { NextStatusCheckAt = null }, stored.ETag, cancellationToken);
            return false;
        }

        // Claim this check, so two instances do not both read and announce the same change.
        var etag = await TryWriteAsync(key, entry with { NextStatusCheckAt = now + _options.StatusPollInterval }, stored.ETag, cancellationToken);
        if (etag is null)
        {
            return false;
        }

        ExternalTicketStatus? status;
        try
        {
            using var limit = new CancellationTokenSource(timeout, _timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(limit.Token, cancellationToken);
            status = await connector.GetStatusAsync(external, linked.Token);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // A status read that fails is tried again at the next interval; it must not stop the poller.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            OutboxLog.StatusReadFailed(_logger, entry.TicketNumber, external.DisplayNumber, entry.Connector, exception.Message);
            return true;
        }

        var checkedEntry = entry with { NextStatusCheckAt = now + _options.StatusPollInterval };
        if (status is null)
        {
            // This system has no status to read (email): stop asking.
            await TryWriteAsync(key, checkedEntry with { NextStatusCheckAt = null }, etag, cancellationToken);
            return true;
        }

        var changed = entry.LastStatus is { } last
            ? last.Status != status.Status || last.LatestPublicReply != status.LatestPublicReply
            : status.Status != TicketStatus.New;
        if (!changed && entry.LastStatus == status)
        {
            return true;
        }

        var recorded = checkedEntry with
        {
            LastStatus = status,
            StatusAnnounced = !(changed && announce),
            NextStatusCheckAt = status.Status == TicketStatus.Closed ? null : checkedEntry.NextStatusCheckAt,
        };

        var recordedETag = await TryWriteAsync(key, recorded, etag, cancellationToken);
        if (recordedETag is null)
        {
            return true;
        }

        if (changed)
        {
            await _tickets.RecordStatusAsync(entry.TicketNumber, status.Status, cancellationToken);
            OutboxLog.StatusChanged(_logger, entry.TicketNumber, external.DisplayNumber, entry.Connector, status.SystemStatus, status.Status.ToString());
        }

        if (!recorded.StatusAnnounced)
        {
            await AnnounceStatusAsync(key, new Versioned<OutboxEntry>(recorded, recordedETag), cancellationToken);
        }

        return true;
    }

    private async Task AnnounceStatusAsync(string key, Versioned<OutboxEntry> stored, CancellationToken cancellationToken)
    {
        var told = await PublishOnceAsync(key, stored, TicketUpdateKind.StatusChanged, stored.Value.LastStatus, cancellationToken);
        if (told is not null)
        {
            await TryWriteAsync(key, told.Value.Entry with { StatusAnnounced = true }, told.Value.ETag, cancellationToken);
        }
    }

    /// <summary>
    /// Claims the announcement (counts it in <see cref="OutboxEntry.UpdateAttempts"/> by ETag), publishes it, and
    /// returns the claimed entry for the caller to mark done; null when another instance claimed it or it failed.
    /// With no <see cref="ITicketUpdates"/> registered, logs that and returns the entry as done.
    /// </summary>
    private async Task<(OutboxEntry Entry, string ETag)?> PublishOnceAsync(
        string key, Versioned<OutboxEntry> stored, TicketUpdateKind kind, ExternalTicketStatus? status, CancellationToken cancellationToken)
    {
        var entry = stored.Value;
        if (_updates is null)
        {
            OutboxLog.NoTicketUpdates(_logger, entry.TicketNumber, kind.ToString(), entry.Connector);
            return (entry, stored.ETag);
        }

        var claimed = entry with { UpdateAttempts = entry.UpdateAttempts + 1 };
        var etag = await TryWriteAsync(key, claimed, stored.ETag, cancellationToken);
        if (etag is null)
        {
            return null;
        }

        var ticket = await _tickets.FindAsync(entry.TicketNumber, cancellationToken);
        if (ticket is null)
        {
            return (claimed, etag);
        }

        try
        {
            await _updates.PublishAsync(new TicketUpdate(ticket, kind, entry.External, status), cancellationToken);
            return (claimed with { UpdateAttempts = 0 }, etag);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // The channel may be down; the message is tried again on the next pass, up to the attempt limit.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            OutboxLog.UpdateFailed(_logger, exception, entry.TicketNumber, kind.ToString(), entry.Connector, claimed.UpdateAttempts);
            return claimed.UpdateAttempts >= _options.MaxAttempts ? (claimed with { UpdateAttempts = 0 }, etag) : null;
        }
    }

    private async Task<string?> TryWriteAsync(string key, OutboxEntry entry, string etag, CancellationToken cancellationToken)
    {
        try
        {
            return await _documents.WriteAsync(key, entry, HelpdeskJsonContext.Default.OutboxEntry, WritePrecondition.IfMatch(etag), cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            return null;
        }
    }

    private async Task<Versioned<OutboxEntry>?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            return await _documents.ReadAsync(key, HelpdeskJsonContext.Default.OutboxEntry, cancellationToken);
        }
        catch (JsonException exception)
        {
            OutboxLog.UnreadableEntry(_logger, exception, key);
            return null;
        }
    }

    private bool CanPollStatus(OutboxEntry entry) => entry.NextStatusCheckAt is not null && Connectors.Find(entry.Connector) is not null;

    /// <summary>The entries this instance still has work for: read from the index stream since the last pass, minus settled ones.</summary>
    private async Task<List<string>> KnownKeysAsync(CancellationToken cancellationToken)
    {
        await _indexGate.WaitAsync(cancellationToken);
        try
        {
            while (true)
            {
                var page = await _streams.ReadAsync(OutboxKeys.IndexStream, _indexCursor, IndexPageSize, cancellationToken);
                if (page.Count == 0)
                {
                    break;
                }

                foreach (var item in page)
                {
                    if (KeyOf(item) is { } key)
                    {
                        Remember(key);
                    }
                }

                _indexCursor = page[^1].Sequence;
            }
        }
        finally
        {
            _indexGate.Release();
        }

        lock (_knownGate)
        {
            return [.. _known];
        }
    }

    private string? KeyOf(StreamEntry item)
    {
        try
        {
            var index = item.Deserialize(HelpdeskJsonContext.Default.OutboxIndexEntry);
            return HelpdeskConnectors.IsValidName(index.Connector) && TicketNumber.TryParse(index.Number, out var number)
                ? OutboxKeys.Entry(TicketNumber.Format(number), index.Connector)
                : null;
        }
        catch (JsonException exception)
        {
            OutboxLog.UnreadableEntry(_logger, exception, $"{OutboxKeys.IndexStream}#{item.Sequence}");
            return null;
        }
    }

    private void Remember(string key)
    {
        lock (_knownGate)
        {
            _known.Add(key);
        }
    }

    private void Forget(string key)
    {
        lock (_knownGate)
        {
            _known.Remove(key);
        }
    }
}
