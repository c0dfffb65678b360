using CaaBot.Knowledge.Playbooks;

namespace CaaBot.Web.Hosting;

/// <summary>Loads the playbooks and starts watching their folder before the host takes requests.</summary>
internal sealed class PlaybookCatalogStartup(PlaybookCatalog catalog) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => catalog.StartAsync(cancellationToken);

    // The container disposes the catalog (watcher and timers) at shutdown.
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
