using CaaBot.Conversations.Scheduling;

namespace CaaBot.Web.Scheduling;

/// <summary>
/// Runs due scheduled turns for as long as the host runs: at each turn's time, and at once when a turn is scheduled
/// (on this instance or, with a shared store that notifies, on another).
/// </summary>
public sealed class ScheduledTurnWorker(TurnScheduler scheduler, IScheduledTurnDispatcher dispatcher, TimeProvider timeProvider, ILogger<ScheduledTurnWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var wake = new SemaphoreSlim(0, 1);
        using var subscription = scheduler.OnScheduled(() => Wake(wake));
        while (!stoppingToken.IsCancellationRequested)
        {
            DateTimeOffset? next = null;
            try
            {
                next = await scheduler.RunDueAsync(dispatcher, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A storage hiccup must not end the worker for the life of the process.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                SchedulingLog.WorkerRoundFailed(logger, exception);
            }

            var wait = scheduler.Options.PollInterval;
            if (next is { } due && due - timeProvider.GetUtcNow() < wait)
            {
                wait = due - timeProvider.GetUtcNow();
            }

            try
            {
                if (wait > TimeSpan.Zero)
                {
                    using var sleep = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                    var woken = wake.WaitAsync(sleep.Token);
                    await Task.WhenAny(woken, Task.Delay(wait, timeProvider, sleep.Token));
                    await sleep.CancelAsync();
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private static void Wake(SemaphoreSlim wake)
    {
        try
        {
            wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already awake.
        }
    }
}
