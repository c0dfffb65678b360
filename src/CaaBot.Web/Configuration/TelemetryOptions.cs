using OpenTelemetry.Exporter;

namespace CaaBot.Web.Configuration;

/// <summary>
/// OTLP export of the bot's traces and metrics. Off unless an endpoint is configured: <c>CaaBot:Telemetry:OtlpEndpoint</c>,
/// or the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> environment variable.
/// </summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "CaaBot:Telemetry";

    /// <summary>The standard OpenTelemetry variables, read as configuration keys (environment variables are configuration).</summary>
    public const string StandardEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string StandardProtocolKey = "OTEL_EXPORTER_OTLP_PROTOCOL";
    public const string StandardServiceNameKey = "OTEL_SERVICE_NAME";

    /// <summary>Base address of the collector, e.g. <c>http://otel-collector:4318</c>; the signal paths (<c>/v1/traces</c>, <c>/v1/metrics</c>) are added for HTTP.</summary>
    public Uri? OtlpEndpoint { get; set; }

    public OtlpExportProtocol Protocol { get; set; } = OtlpExportProtocol.HttpProtobuf;

    public string ServiceName { get; set; } = "caabot";

    /// <summary>How often metrics are pushed.</summary>
    public TimeSpan MetricExportInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Reads the section, then lets the standard variables fill what it leaves empty.</summary>
    public static TelemetryOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (options.OtlpEndpoint is null && Uri.TryCreate(configuration[StandardEndpointKey], UriKind.Absolute, out var standard))
        {
            options.OtlpEndpoint = standard;
        }

        if (configuration.GetSection(SectionName)["Protocol"] is null)
        {
            options.Protocol = configuration[StandardProtocolKey]?.Trim().ToUpperInvariant() switch
            {
                "GRPC" => OtlpExportProtocol.Grpc,
                _ => OtlpExportProtocol.HttpProtobuf,
            };
        }

        if (configuration.GetSection(SectionName)["ServiceName"] is null && !string.IsNullOrWhiteSpace(configuration[StandardServiceNameKey]))
        {
            options.ServiceName = configuration[StandardServiceNameKey]!;
        }

        return options;
    }

    /// <summary>
    /// Where one signal goes: for HTTP the base address with <c>/v1/{signal}</c> appended to its path (as the OpenTelemetry
    /// specification does for <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>), for gRPC the address as is.
    /// </summary>
    public Uri SignalEndpoint(string signal)
    {
        var endpoint = OtlpEndpoint ?? throw new InvalidOperationException("No OTLP endpoint is configured.");
        if (Protocol == OtlpExportProtocol.Grpc)
        {
            return endpoint;
        }

        var builder = new UriBuilder(endpoint) { Query = string.Empty, Fragment = string.Empty };
        builder.Path = builder.Path.TrimEnd('/') + "/v1/" + signal;
        return builder.Uri;
    }

    /// <summary>The endpoint without user information, path or query, for logs.</summary>
    public string EndpointForLogs() => OtlpEndpoint is { } endpoint ? $"{endpoint.Scheme}://{endpoint.Host}:{endpoint.Port}" : "(none)";
}
