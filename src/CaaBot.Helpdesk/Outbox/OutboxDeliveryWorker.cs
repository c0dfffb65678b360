using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CaaBot.Helpdesk.Outbox;

/// <summary>Delivers what the turns could not: runs <see cref="HelpdeskOutbox.DeliverDueAsync"/> every <see cref="OutboxOptions.WorkerInterval"/>.</summary>
public sealed class OutboxDeliveryWorker(HelpdeskOutbox outbox, TimeProvider timeProvider, ILogger<OutboxDeliveryWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (outbox.Connectors.All.Count == 0)
        {
            return; // nothing configured: the built-in queue is all there is
        }

        var interval = outbox.Options.WorkerInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await outbox.DeliverDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The storage may be briefly unreachable; the next pass tries again.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                OutboxLog.WorkerPassFailed(logger, exception, "delivery", interval);
            }

            try
            {
                await Task.Delay(interval, timeProvider, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
