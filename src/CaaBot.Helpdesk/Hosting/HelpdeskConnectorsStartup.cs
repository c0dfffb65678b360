using CaaBot.Helpdesk.Connectors;
using CaaBot.Helpdesk.Outbox;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CaaBot.Helpdesk.Hosting;

/// <summary>
/// Builds the configured connectors when the host starts, so a misconfigured connector stops the host at once with
/// every problem named (rather than at the first escalation), and logs which systems tickets go to (names and types
/// only, never settings).
/// </summary>
internal sealed class HelpdeskConnectorsStartup(HelpdeskConnectors connectors, ILogger<HelpdeskOutbox>? logger = null) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var names = connectors.All.Count == 0
            ? "none (built-in queue only)"
            : "built-in queue + " + string.Join(", ", connectors.All.Select(connector => $"{connector.Name} ({connector.GetType().Name})"));
        OutboxLog.Connectors(logger ?? (ILogger)NullLogger.Instance, names);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
