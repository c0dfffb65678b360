using CaaBot.Web.Configuration;

namespace CaaBot.Web.Hosting;

/// <summary>
/// Starts OTLP export before the first request when <c>CaaBot:Telemetry:OtlpEndpoint</c> or <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>
/// is set; without either nothing is collected. Disposed with the host's container, which flushes what is still buffered.
/// </summary>
internal sealed partial class TelemetryExportStartup(IConfiguration configuration, ILogger<TelemetryExportStartup> logger) : IHostedService, IDisposable
{
    private static readonly TimeSpan FlushTimeout = TimeSpan.FromSeconds(5);

    private TelemetryExport? _export;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var options = TelemetryOptions.From(configuration);
        if (options.OtlpEndpoint is not null && _export is null)
        {
            _export = new TelemetryExport(options);
            ExportingTo(logger, options.EndpointForLogs(), options.Protocol.ToString());
        }

        return Task.CompletedTask;
    }

    /// <summary>Flushes spans and metrics on a graceful stop, while the collector is still reachable.</summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (_export is { } export && !export.ForceFlush(FlushTimeout))
        {
            FlushTimedOut(logger, FlushTimeout.TotalSeconds);
        }

        return Task.CompletedTask;
    }

    public void Dispose() => _export?.Dispose();

    [LoggerMessage(EventId = 1110, Level = LogLevel.Information, Message = "Exporting traces and metrics over OTLP to {Endpoint} ({Protocol})")]
    private static partial void ExportingTo(ILogger logger, string endpoint, string protocol);

    [LoggerMessage(EventId = 1111, Level = LogLevel.Warning, Message = "Traces and metrics were not all exported within {Seconds} s of shutdown")]
    private static partial void FlushTimedOut(ILogger logger, double seconds);
}
