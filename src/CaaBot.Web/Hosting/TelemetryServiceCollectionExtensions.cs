namespace CaaBot.Web.Hosting;

/// <summary>Registers OTLP export of traces and metrics; it starts only when an endpoint is configured.</summary>
public static class TelemetryServiceCollectionExtensions
{
    public static IServiceCollection AddCaaBotTelemetry(this IServiceCollection services)
    {
        services.AddHostedService<TelemetryExportStartup>();
        return services;
    }
}
