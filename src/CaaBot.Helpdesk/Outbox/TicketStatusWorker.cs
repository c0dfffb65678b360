using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CaaBot.Helpdesk.Outbox;

/// <summary>
/// Reads the status of open external tickets (<see cref="HelpdeskOutbox.PollStatusesAsync"/>); each ticket is read
/// every <see cref="OutboxOptions.StatusPollInterval"/>, and a change reaches the user once as a
/// <see cref="Connectors.TicketUpdateKind.StatusChanged"/> update.
/// </summary>
public sealed class TicketStatusWorker(HelpdeskOutbox outbox, TimeProvider timeProvider, ILogger<TicketStatusWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (outbox.Connectors.All.Count == 0)
        {
            return;
        }

        // Looks often for due checks; each ticket's own interval decides when it is read.
        var interval = outbox.Options.StatusPollInterval < outbox.Options.WorkerInterval ? outbox.Options.StatusPollInterval : outbox.Options.WorkerInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await outbox.PollStatusesAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The storage may be briefly unreachable; the next pass tries again.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                OutboxLog.WorkerPassFailed(logger, exception, "status", interval);
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
