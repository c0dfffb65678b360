using CaaBot.Conversations.Telemetry;
using CaaBot.Web.Configuration;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CaaBot.Web.Hosting;

/// <summary>
/// The OpenTelemetry tracer and meter providers exporting over OTLP. Created at start when an endpoint is configured;
/// disposed with the host's container, which flushes what is still buffered.
/// </summary>
public sealed class TelemetryExport : IDisposable
{
    /// <summary>ASP.NET Core's own sources: request spans and the <c>http.server.request.duration</c> histogram.</summary>
    private const string AspNetCoreSource = "Microsoft.AspNetCore";
    private const string AspNetCoreHostingMeter = "Microsoft.AspNetCore.Hosting";

    private readonly TracerProvider _tracerProvider;
    private readonly MeterProvider _meterProvider;

    public TelemetryExport(TelemetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var resource = ResourceBuilder.CreateDefault().AddService(options.ServiceName, serviceVersion: typeof(TelemetryExport).Assembly.GetName().Version?.ToString());
        _tracerProvider = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource(CaaBotTelemetry.Name, AspNetCoreSource)
            .AddOtlpExporter(exporter =>
            {
                exporter.Protocol = options.Protocol;
                exporter.Endpoint = options.SignalEndpoint("traces");
            })
            .Build();
        _meterProvider = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter(CaaBotTelemetry.Name, AspNetCoreHostingMeter)
            .AddOtlpExporter((exporter, reader) =>
            {
                exporter.Protocol = options.Protocol;
                exporter.Endpoint = options.SignalEndpoint("metrics");
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)Math.Clamp(options.MetricExportInterval.TotalMilliseconds, 100, int.MaxValue);
            })
            .Build();
    }

    /// <summary>Exports what is buffered now (at shutdown, before the container disposes the providers).</summary>
    public bool ForceFlush(TimeSpan timeout)
    {
        var milliseconds = (int)Math.Clamp(timeout.TotalMilliseconds, 0, int.MaxValue);
        var traces = _tracerProvider.ForceFlush(milliseconds);
        return _meterProvider.ForceFlush(milliseconds) && traces;
    }

    public void Dispose()
    {
        _tracerProvider.Dispose();
        _meterProvider.Dispose();
    }
}
