using System.Runtime.ExceptionServices;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace CaaBot.Storage.Sqlite;

/// <summary>
/// This process's writes to one SQLite file, on one kept writer connection, with group commit: writes that queue up
/// while another is running share the next transaction, each inside its own <c>SAVEPOINT</c>, so a write that fails
/// undoes only itself. A commit costs a WAL frame per page it dirtied plus the commit itself; concurrent turns touch
/// the same pages (the insight stream's head row and last entry page, the tables' last pages), so one commit for
/// several of them writes much less than one each.
/// <para>
/// No thread of its own: the first caller to find nobody writing leads, runs the queued writes (its own first) as one
/// transaction, commits, and hands the lead to the caller now at the head of the queue. A caller returns only after
/// the transaction holding its write committed, so what it wrote is durable and every reader sees it from then on.
/// A caller cancelled while still queued leaves the queue and writes nothing; once its write is taken it runs.
/// </para>
/// </summary>
internal sealed class SqliteWriteQueue(Func<CancellationToken, Task<SqliteConnection>> openWriter, ILogger logger, string filePath) : IDisposable
{
    // Bounds how long one transaction (and the lock on the file) is held, and what one failed commit takes down.
    private const int MaxWritesPerCommit = 64;

    private readonly object _lock = new();
    private readonly LinkedList<QueuedWrite> _queue = new();
    private TaskCompletionSource _idleNow = NewIdleSignal(completed: true);
    private SqlitePreparedConnection? _writer;
    private bool _leading;
    private bool _disposed;
    private long _commits;

    /// <summary>Write transactions committed so far: with writes queuing up, fewer than the writes.</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>Runs <paramref name="write"/> on the writer connection inside a transaction and returns once that transaction committed.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled before the write was taken.</exception>
    public Task<T> RunAsync<T>(Func<SqlitePreparedConnection, CancellationToken, Task<T>> write, CancellationToken cancellationToken) =>
        EnqueueAsync(new QueuedWrite<T>(write, exclusive: null, cancellationToken));

    /// <summary>
    /// Runs <paramref name="work"/> alone, after the writes queued before it committed and before the ones after it start,
    /// outside the writer's transaction: for a write on another connection (the readiness probe's fresh handle).
    /// </summary>
    public Task<T> RunExclusiveAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
        EnqueueAsync(new QueuedWrite<T>(write: null, work, cancellationToken));

    /// <summary>Refuses new writes, waits up to <paramref name="timeout"/> for the running ones, then closes the writer.</summary>
    public void Dispose(TimeSpan timeout)
    {
        Task idle;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            idle = _idleNow.Task;
        }

        // A write still running past the timeout keeps the connection; the process is going away anyway.
        if (idle.Wait(timeout))
        {
            _writer?.Dispose();
            _writer = null;
        }
    }

    public void Dispose() => Dispose(TimeSpan.FromSeconds(5));

    private static TaskCompletionSource NewIdleSignal(bool completed)
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (completed)
        {
            signal.SetResult();
        }

        return signal;
    }

    private async Task<T> EnqueueAsync<T>(QueuedWrite<T> write)
    {
        write.CancellationToken.ThrowIfCancellationRequested();
        bool lead;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            write.Node = _queue.AddLast(write);
            lead = !_leading;
            if (lead)
            {
                _leading = true;
                _idleNow = NewIdleSignal(completed: false);
            }
        }

        if (lead || await WaitForTurnAsync(write))
        {
            await LeadAsync();
        }

        return write.Result();
    }

    /// <summary>True when this caller is to lead next, false when its write is done (committed, failed or cancelled).</summary>
    private async Task<bool> WaitForTurnAsync(QueuedWrite write)
    {
        try
        {
            return await write.Turn.Task.WaitAsync(write.CancellationToken);
        }
        catch (OperationCanceledException) when (write.CancellationToken.IsCancellationRequested)
        {
            lock (_lock)
            {
                if (write.Node is { } node && !write.IsPromoted)
                {
                    _queue.Remove(node);
                    write.Node = null;
                    throw;
                }
            }

            // Already taken into a transaction, or handed the lead: it has to be seen through.
            return await write.Turn.Task;
        }
    }

    private async Task LeadAsync()
    {
        var batch = TakeBatch();
        if (batch is [{ IsExclusive: true } exclusive])
        {
            await exclusive.RunExclusiveAsync();
        }
        else
        {
            await RunBatchAsync(batch);
        }

        QueuedWrite? next = null;
        lock (_lock)
        {
            if (_queue.First is { } head)
            {
                next = head.Value;
                next.IsPromoted = true;
            }
            else
            {
                _leading = false;
                _idleNow.SetResult();
            }
        }

        foreach (var write in batch)
        {
            write.Turn.TrySetResult(false);
        }

        next?.Turn.TrySetResult(true);
    }

    private List<QueuedWrite> TakeBatch()
    {
        lock (_lock)
        {
            var batch = new List<QueuedWrite>();
            while (_queue.First is { } node && batch.Count < MaxWritesPerCommit)
            {
                // An exclusive piece of work goes alone: it must not run while this connection holds the write lock.
                if (node.Value.IsExclusive && batch.Count > 0)
                {
                    break;
                }

                _queue.RemoveFirst();
                node.Value.Node = null;
                batch.Add(node.Value);
                if (node.Value.IsExclusive)
                {
                    break;
                }
            }

            return batch;
        }
    }

    private async Task RunBatchAsync(List<QueuedWrite> batch)
    {
        var committed = new List<QueuedWrite>(batch.Count);
        SqlitePreparedConnection writer;
        try
        {
            writer = _writer ??= new SqlitePreparedConnection(await openWriter(CancellationToken.None));
            await writer.Command("BEGIN IMMEDIATE;").ExecuteNonQueryAsync();
        }
        catch (Exception exception)
        {
            foreach (var write in batch)
            {
                write.Fail(exception);
            }

            return;
        }

        foreach (var write in batch)
        {
            if (write.CancellationToken.IsCancellationRequested)
            {
                write.Cancel();
                continue;
            }

            try
            {
                await writer.Command("SAVEPOINT write;").ExecuteNonQueryAsync();
                await write.RunAsync(writer);
                await writer.Command("RELEASE write;").ExecuteNonQueryAsync();
                committed.Add(write);
            }
            catch (Exception exception)
            {
                write.Fail(exception);
                if (!await UndoOneWriteAsync(writer, exception))
                {
                    // The transaction is gone (SQLite rolls it all back on some errors, such as a full disk or an I/O
                    // error), and the writes before this one with it.
                    FailAll(committed, exception);
                    if (!await TryBeginAsync())
                    {
                        FailRest(batch, write, exception);
                        return;
                    }
                }
            }
        }

        try
        {
            await writer.Command("COMMIT;").ExecuteNonQueryAsync();
            Interlocked.Increment(ref _commits);
            foreach (var write in committed)
            {
                write.Complete();
            }
        }
        catch (Exception exception)
        {
            FailAll(committed, exception);
            RollBackOrDiscard(exception);
        }

        async Task<bool> TryBeginAsync()
        {
            try
            {
                writer = _writer ??= new SqlitePreparedConnection(await openWriter(CancellationToken.None));
                await writer.Command("BEGIN IMMEDIATE;").ExecuteNonQueryAsync();
                return true;
            }
            catch (Exception exception) when (exception is SqliteException or InvalidOperationException)
            {
                RollBackOrDiscard(exception);
                return false;
            }
        }
    }

    /// <summary>Rolls the transaction back to before the failed write; false when no transaction is left to keep going in.</summary>
    private async Task<bool> UndoOneWriteAsync(SqlitePreparedConnection writer, Exception cause)
    {
        if (!writer.IsInTransaction)
        {
            return false;
        }

        try
        {
            await writer.Command("ROLLBACK TO write;").ExecuteNonQueryAsync();
            await writer.Command("RELEASE write;").ExecuteNonQueryAsync();
            return true;
        }
        catch (SqliteException)
        {
            RollBackOrDiscard(cause);
            return false;
        }
    }

    private void RollBackOrDiscard(Exception cause)
    {
        if (_writer is not { } writer)
        {
            return;
        }

        try
        {
            writer.RollBackIfInTransaction();
        }
        catch (SqliteException)
        {
            // A handle in a state we cannot vouch for: close it, the next write opens a new one.
            SqliteLog.WriterDiscarded(logger, filePath, cause);
            writer.Dispose();
            _writer = null;
        }
    }

    private static void FailAll(List<QueuedWrite> writes, Exception exception)
    {
        foreach (var write in writes)
        {
            write.Fail(exception);
        }

        writes.Clear();
    }

    private static void FailRest(List<QueuedWrite> batch, QueuedWrite failed, Exception exception)
    {
        foreach (var write in batch.SkipWhile(write => !ReferenceEquals(write, failed)).Skip(1))
        {
            write.Fail(exception);
        }
    }

    /// <summary>One caller's write, waiting in the queue, then taken into a transaction, then done.</summary>
    private abstract class QueuedWrite(CancellationToken cancellationToken)
    {
        public CancellationToken CancellationToken { get; } = cancellationToken;

        /// <summary>Completes with true to hand this caller the lead, or false once its write is done.</summary>
        public TaskCompletionSource<bool> Turn { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Its place in the queue while it waits there; null once taken or removed.</summary>
        public LinkedListNode<QueuedWrite>? Node { get; set; }

        public bool IsPromoted { get; set; }

        public abstract bool IsExclusive { get; }

        public abstract Task RunAsync(SqlitePreparedConnection writer);

        public abstract Task RunExclusiveAsync();

        public abstract void Complete();

        public abstract void Fail(Exception exception);

        public abstract void Cancel();
    }

    private sealed class QueuedWrite<T>(
        Func<SqlitePreparedConnection, CancellationToken, Task<T>>? write,
        Func<CancellationToken, Task<T>>? exclusive,
        CancellationToken cancellationToken) : QueuedWrite(cancellationToken)
    {
        private T? _value;
        private T? _pending;
        private Exception? _error;

        public override bool IsExclusive => exclusive is not null;

        public override async Task RunAsync(SqlitePreparedConnection writer) => _pending = await write!(writer, CancellationToken);

        public override async Task RunExclusiveAsync()
        {
            try
            {
                _value = await exclusive!(CancellationToken);
            }
            catch (Exception exception)
            {
                _error = exception;
            }
        }

        public override void Complete() => _value = _pending;

        public override void Fail(Exception exception) => _error ??= exception;

        public override void Cancel() => _error = new OperationCanceledException(CancellationToken);

        public T Result()
        {
            if (_error is { } error)
            {
                // One failed commit fails every write it held, so several callers may rethrow the same exception.
                ExceptionDispatchInfo.Throw(error);
            }

            return _value!;
        }
    }
}
