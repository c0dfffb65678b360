using CaaBot.Protocol.Connector;

namespace CaaBot.Web.Hosting;

/// <summary>
/// Builds the Connector token provider at start, so a half-configured registration (an app id without its tenant,
/// secret or certificate) stops the host with a clear message instead of failing the first user's reply.
/// </summary>
public sealed class ConnectorCredentialsCheck(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<IConnectorTokenProvider>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
