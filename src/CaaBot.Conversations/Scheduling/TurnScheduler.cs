using System.Text.Json;
using System.Text.Json.Serialization;
using CaaBot.Protocol;
using CaaBot.Storage.Abstractions;
using Microsoft.Extensions.Logging;

namespace CaaBot.Conversations.Scheduling;

/// <summary>
/// Durable, at-most-once-per-id scheduling of turns the bot runs later on its own: "did the fix hold?" the next
/// working day, news about a ticket. Survives restarts and works with several instances sharing one store.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Turns are appended to the stream <c>scheduler/turns</c> (the durable queue); the document
/// <c>scheduler/turn/{id}</c> records each one's progress. Scheduling appends first and then creates the progress
/// document, so a crash in between leaves a turn that still runs, never a record of a turn that does not exist.</item>
/// <item>Each instance reads the stream into memory (from a checkpoint below which everything is finished) and, when
/// a turn is due, takes a lease by writing <see cref="ScheduledTurnState.Running"/> with an ETag precondition: of
/// several instances exactly one wins. A holder that dies loses the lease after <see cref="TurnSchedulerOptions.Lease"/>.</item>
/// <item>The replayed activity's id is derived from the turn's id and turns are deduplicated on activity ids, so a
/// turn that ran but crashed before being marked done is not shown to the user twice.</item>
/// </list>
/// </remarks>
public sealed class TurnScheduler
{
    public const string Stream = "scheduler/turns";
    public const string CheckpointKey = "scheduler/checkpoint";
    public const string ProgressKeyPrefix = "scheduler/turn/";

    /// <summary>Ids are storage key segments: short, and no characters that could reach another key.</summary>
    public const int MaxIdLength = 200;

    private const int ReadBatch = 256;

    private static readonly JsonSerializerOptions ProgressJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly IDocumentStore _documents;
    private readonly IStreamStore _streams;
    private readonly TimeProvider _timeProvider;
    private readonly TurnSchedulerOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _runGate = new(1, 1);

    // The instance's view of the queue, touched only under _runGate.
    private readonly PendingTurnQueue _pending = new();
    private long _readUpTo = -1;
    private long _checkpointSeen = -1;

    public TurnScheduler(IDocumentStore documents, IStreamStore streams, TimeProvider timeProvider, ILogger<TurnScheduler> logger, TurnSchedulerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(streams);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options ?? new TurnSchedulerOptions();
        _options.Validate();
        (_documents, _streams, _timeProvider, _logger) = (documents, streams, timeProvider, logger);
    }

    public TurnSchedulerOptions Options => _options;

    /// <summary>
    /// Schedules <paramref name="turn"/> unless a turn with its id was scheduled before (whatever became of it).
    /// Returns true when this call scheduled it.
    /// </summary>
    public async Task<bool> ScheduleAsync(ScheduledTurn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ValidateId(turn.Id);
        ArgumentException.ThrowIfNullOrEmpty(turn.Name, nameof(turn) + ".Name");
        if (turn.Reference.Conversation?.Id is not { Length: > 0 } || turn.Reference.ChannelId is not { Length: > 0 })
        {
            throw new ArgumentException("A scheduled turn needs a conversation reference with a channel and a conversation id.", nameof(turn));
        }

        if (await _documents.ReadAsync(ProgressKey(turn.Id), cancellationToken) is not null)
        {
            return false;
        }

        await _streams.AppendAsync(Stream, JsonSerializer.SerializeToUtf8Bytes(turn, ProtocolJson.Options), cancellationToken);
        try
        {
            await WriteProgressAsync(turn.Id, new ScheduledTurnProgress(ScheduledTurnState.Pending, 0, null, null, null), WritePrecondition.MustNotExist, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            // Scheduled twice at the same moment: the stream names it twice, the progress document keeps it one turn.
        }

        TurnSchedulerLog.Scheduled(_logger, turn.Id, turn.Name, turn.DueAt);
        return true;
    }

    /// <summary>What became of the turn with <paramref name="id"/>, or null when it was never scheduled.</summary>
    public async Task<ScheduledTurnProgress?> GetProgressAsync(string id, CancellationToken cancellationToken) =>
        (await _documents.ReadAsync(ProgressKey(id), JsonTypeInfo, cancellationToken))?.Value;

    /// <summary>Calls <paramref name="onScheduled"/> whenever a turn is scheduled, on any instance sharing the store, so a worker can wake.</summary>
    public IDisposable OnScheduled(Action onScheduled)
    {
        ArgumentNullException.ThrowIfNull(onScheduled);
        return _streams.Subscribe(Stream, _ => onScheduled());
    }

    /// <summary>
    /// Runs every turn that is due now through <paramref name="dispatcher"/>, one at a time, and returns when the
    /// earliest remaining one will be due (null when none is waiting). Called by the host's worker in a loop.
    /// </summary>
    public async Task<DateTimeOffset?> RunDueAsync(IScheduledTurnDispatcher dispatcher, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dispatcher);
        await _runGate.WaitAsync(cancellationToken);
        try
        {
            await ReadNewEntriesAsync(cancellationToken);

            // This runs whenever a turn is scheduled while the queue holds every next-day check of the last day
            // (thousands in an outage): the queue answers from sorted sets, never by visiting every waiting turn.
            foreach (var pending in _pending.DueAt(_timeProvider.GetUtcNow()))
            {
                if (pending.NotBefore > _timeProvider.GetUtcNow())
                {
                    break;
                }

                await TryRunAsync(pending, dispatcher, cancellationToken);
            }

            await AdvanceCheckpointAsync(_pending.OldestSequence, cancellationToken);
            return _pending.EarliestDue;
        }
        finally
        {
            _runGate.Release();
        }
    }

    private async Task TryRunAsync(PendingTurnQueue.PendingTurn pending, IScheduledTurnDispatcher dispatcher, CancellationToken cancellationToken, bool recheckedProgress = false)
    {
        var turn = pending.Turn;
        var now = _timeProvider.GetUtcNow();
        var stored = await _documents.ReadAsync(ProgressKey(turn.Id), JsonTypeInfo, cancellationToken);
        var progress = stored?.Value ?? new ScheduledTurnProgress(ScheduledTurnState.Pending, 0, null, null, null);
        switch (progress.State)
        {
            case ScheduledTurnState.Done or ScheduledTurnState.Failed:
                _pending.Remove(pending);
                return;
            case ScheduledTurnState.Running when progress.LeaseUntil > now:
                _pending.Reschedule(pending, progress.LeaseUntil.Value);
                return;
            case ScheduledTurnState.Pending when progress.NextAttemptAt > now:
                _pending.Reschedule(pending, progress.NextAttemptAt.Value);
                return;
        }

        var attempt = progress.Attempts + 1;
        var leaseUntil = now + _options.Lease;
        string leaseETag;
        try
        {
            leaseETag = await WriteProgressAsync(
                turn.Id,
                progress with { State = ScheduledTurnState.Running, Attempts = attempt, LeaseUntil = leaseUntil, NextAttemptAt = null },
                stored is null ? WritePrecondition.MustNotExist : WritePrecondition.IfMatch(stored.ETag),
                cancellationToken);
        }
        catch (ConcurrencyConflictException) when (stored is null && !recheckedProgress)
        {
            // The turn was read off the stream before ScheduleAsync wrote its Pending record: that write, not another
            // instance, won the race. Look at the record now instead of waiting out a lease nobody holds.
            await TryRunAsync(pending, dispatcher, cancellationToken, recheckedProgress: true);
            return;
        }
        catch (ConcurrencyConflictException)
        {
            // Another instance took it this very moment; look again once its lease could have run out.
            _pending.Reschedule(pending, leaseUntil);
            return;
        }

        ScheduledTurnProgress finished;
        try
        {
            var outcome = await dispatcher.DispatchAsync(turn, cancellationToken);
            finished = new ScheduledTurnProgress(outcome == ScheduledTurnOutcome.Impossible ? ScheduledTurnState.Failed : ScheduledTurnState.Done, attempt, null, null, null);
            if (outcome == ScheduledTurnOutcome.Impossible)
            {
                TurnSchedulerLog.GaveUp(_logger, null, turn.Id, turn.Name, attempt);
            }
            else
            {
                TurnSchedulerLog.Finished(_logger, turn.Id, turn.Name, outcome, attempt);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: the lease runs out and this or another instance tries again.
            throw;
        }
#pragma warning disable CA1031 // A failing channel must not stop the queue; the failure is recorded and retried.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            var error = $"{exception.GetType().Name}: {exception.Message}";
            if (attempt >= _options.MaxAttempts)
            {
                TurnSchedulerLog.GaveUp(_logger, exception, turn.Id, turn.Name, attempt);
                finished = new ScheduledTurnProgress(ScheduledTurnState.Failed, attempt, null, null, error);
            }
            else
            {
                var nextAttemptAt = _timeProvider.GetUtcNow() + RetryDelay(attempt);
                TurnSchedulerLog.WillRetry(_logger, exception, turn.Id, turn.Name, attempt, nextAttemptAt);
                finished = new ScheduledTurnProgress(ScheduledTurnState.Pending, attempt, null, nextAttemptAt, error);
                _pending.Reschedule(pending, nextAttemptAt);
            }
        }

        try
        {
            await WriteProgressAsync(turn.Id, finished, WritePrecondition.IfMatch(leaseETag), cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            // Our lease ran out and another instance took the turn over; its record is the one that counts.
            TurnSchedulerLog.LostLease(_logger, turn.Id);
        }

        if (finished.State is ScheduledTurnState.Done or ScheduledTurnState.Failed)
        {
            _pending.Remove(pending);
        }
    }

    private TimeSpan RetryDelay(int attempt)
    {
        var delay = _options.FirstRetryDelay * Math.Pow(2, Math.Min(attempt - 1, 20));
        return delay < _options.MaxRetryDelay ? delay : _options.MaxRetryDelay;
    }

    private async Task ReadNewEntriesAsync(CancellationToken cancellationToken)
    {
        if (_readUpTo < 0)
        {
            _readUpTo = (await _documents.ReadAsync(CheckpointKey, CheckpointJson, cancellationToken))?.Value.Sequence ?? 0;
            _checkpointSeen = _readUpTo;
        }

        while (true)
        {
            var entries = await _streams.ReadAsync(Stream, _readUpTo, ReadBatch, cancellationToken);
            foreach (var entry in entries)
            {
                _readUpTo = entry.Sequence;
                ScheduledTurn? turn;
                try
                {
                    turn = JsonSerializer.Deserialize<ScheduledTurn>(entry.Payload.Span, ProtocolJson.Options);
                }
                catch (JsonException exception)
                {
                    TurnSchedulerLog.UnreadableEntry(_logger, exception, entry.Sequence);
                    continue;
                }

                if (turn is not null)
                {
                    _pending.TryAdd(turn, entry.Sequence);
                }
            }

            if (entries.Count < ReadBatch)
            {
                return;
            }
        }
    }

    /// <summary>Everything at or below the checkpoint is finished, so a restarted instance need not read it again.</summary>
    private async Task AdvanceCheckpointAsync(long? oldestPendingSequence, CancellationToken cancellationToken)
    {
        var finishedUpTo = oldestPendingSequence is { } oldest ? oldest - 1 : _readUpTo;
        if (finishedUpTo <= _checkpointSeen)
        {
            // The stored checkpoint was already at least this far (checkpoints only move forward): no read needed.
            return;
        }

        var stored = await _documents.ReadAsync(CheckpointKey, CheckpointJson, cancellationToken);
        if (stored is not null && stored.Value.Sequence >= finishedUpTo)
        {
            _checkpointSeen = stored.Value.Sequence;
            return;
        }

        try
        {
            await _documents.WriteAsync(CheckpointKey, new SchedulerCheckpoint(finishedUpTo), CheckpointJson, stored is null ? WritePrecondition.MustNotExist : WritePrecondition.IfMatch(stored.ETag), cancellationToken);
            _checkpointSeen = finishedUpTo;
        }
        catch (ConcurrencyConflictException)
        {
            // Another instance moved it; next round compares again.
        }
    }

    private Task<string> WriteProgressAsync(string id, ScheduledTurnProgress progress, WritePrecondition precondition, CancellationToken cancellationToken) =>
        _documents.WriteAsync(ProgressKey(id), progress, JsonTypeInfo, precondition, cancellationToken);

    private static string ProgressKey(string id) => ProgressKeyPrefix + id;

    private static void ValidateId(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        if (id.Length > MaxIdLength || id.Contains("..", StringComparison.Ordinal) || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or ':'))
        {
            throw new ArgumentException($"A scheduled turn id is at most {MaxIdLength} ASCII letters, digits and - _ . / : characters, without \"..\".", nameof(id));
        }
    }

    private static System.Text.Json.Serialization.Metadata.JsonTypeInfo<ScheduledTurnProgress> JsonTypeInfo { get; } =
        Serialization.StateJson.TypeInfo<ScheduledTurnProgress>(ProgressJson);

    private static System.Text.Json.Serialization.Metadata.JsonTypeInfo<SchedulerCheckpoint> CheckpointJson { get; } =
        Serialization.StateJson.TypeInfo<SchedulerCheckpoint>(ProgressJson);

    private sealed record SchedulerCheckpoint(long Sequence);
}
