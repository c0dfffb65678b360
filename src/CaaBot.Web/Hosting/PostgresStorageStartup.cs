using CaaBot.Storage.Postgres;
using CaaBot.Web.Configuration;
using Microsoft.Extensions.Options;

namespace CaaBot.Web.Hosting;

/// <summary>
/// With PostgreSQL storage, creates or migrates the schema before the host takes requests, so a server that cannot be
/// reached (or a schema from a newer build) stops the start with a clear error instead of failing the first turn.
/// </summary>
internal sealed class PostgresStorageStartup(IServiceProvider services, IOptions<CaaBotOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        options.Value.Storage == StorageProvider.Postgres
            ? services.GetRequiredService<PostgresDatabase>().InitializeAsync(cancellationToken)
            : Task.CompletedTask;

    // The container disposes the database (pool and listening connection) at shutdown.
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
