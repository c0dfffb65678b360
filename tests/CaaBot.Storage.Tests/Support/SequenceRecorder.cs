namespace CaaBot.Storage.Tests.Support;

/// <summary>
/// A subscriber callback that records the sequences it hears and lets a test await a particular one,
/// so notification tests wait for an event instead of sleeping. The timeout only bounds a failing test.
/// </summary>
public sealed class SequenceRecorder
{
    private static readonly TimeSpan FailAfter = TimeSpan.FromSeconds(30);
    private readonly Lock _gate = new();
    private readonly List<long> _heard = [];
    private readonly List<(long Sequence, TaskCompletionSource Heard)> _waiters = [];

    public IReadOnlyList<long> Heard
    {
        get
        {
            lock (_gate)
            {
                return [.. _heard];
            }
        }
    }

    public void OnAppended(long sequence)
    {
        lock (_gate)
        {
            _heard.Add(sequence);
            foreach (var waiter in _waiters.Where(w => w.Sequence == sequence))
            {
                waiter.Heard.TrySetResult();
            }
        }
    }

    public Task WaitForAsync(long sequence, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_heard.Contains(sequence))
            {
                return Task.CompletedTask;
            }

            var heard = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((sequence, heard));
            return heard.Task.WaitAsync(FailAfter, cancellationToken);
        }
    }
}
