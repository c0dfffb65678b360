using System.Collections.Concurrent;
using System.Text;
using CaaBot.Web.Configuration;
using CaaBot.Web.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Exporter;

namespace CaaBot.Web.Tests.Telemetry;

/// <summary>The host exports over OTLP/HTTP (protobuf) to a local receiver when, and only when, an endpoint is configured.</summary>
public sealed class OtlpExportTests
{
    [Fact]
    public async Task Host_EndpointConfigured_ExportsTurnSpansAndMetricsToTheCollector()
    {
        await using var collector = await OtlpReceiver.StartAsync();
        var host = new CaaBotHost(settings: new()
        {
            ["CaaBot:Telemetry:OtlpEndpoint"] = collector.Address,
            ["CaaBot:Telemetry:MetricExportInterval"] = "00:00:00.200",
            ["CaaBot:Telemetry:ServiceName"] = "caabot-otlp-test",
        });
        try
        {
            Assert.Equal([TriageDialogGreeting], await Activities.ExchangeAsync(host.CreateClient(), "c-otlp", "1", "hi"));
        }
        finally
        {
            // Stopping the host flushes the batched spans and a last metrics export (TelemetryExportStartup.StopAsync).
            host.Dispose();
            host.DeleteData();
        }

        // The host flushes both providers when it stops, so everything has arrived once Dispose returns.
        var traces = collector.Posts("/v1/traces");
        var metrics = collector.Posts("/v1/metrics");
        Assert.NotEmpty(traces);
        Assert.NotEmpty(metrics);
        Assert.All(traces.Concat(metrics), post => Assert.Equal("application/x-protobuf", post.ContentType));
        // Protobuf keeps strings as UTF-8: the span name, the instrument names and the service name are readable in the bodies.
        Assert.Contains(traces, post => post.Text.Contains("caabot.turn", StringComparison.Ordinal) && post.Text.Contains("caabot-otlp-test", StringComparison.Ordinal));
        Assert.Contains(metrics, post => post.Text.Contains("caabot.turns", StringComparison.Ordinal));
        Assert.Contains(metrics, post => post.Text.Contains("caabot.turn.duration", StringComparison.Ordinal));
        // No user text leaves with the telemetry.
        Assert.DoesNotContain(traces.Concat(metrics), post => post.Text.Contains("c-otlp", StringComparison.Ordinal));
    }

    [Fact]
    public void Options_NothingConfigured_HasNoEndpoint() =>
        Assert.Null(TelemetryOptions.From(Configuration([])).OtlpEndpoint);

    [Fact]
    public void Options_StandardVariables_AreHonoured()
    {
        var options = TelemetryOptions.From(Configuration(new()
        {
            [TelemetryOptions.StandardEndpointKey] = "http://collector:4317",
            [TelemetryOptions.StandardProtocolKey] = "grpc",
            [TelemetryOptions.StandardServiceNameKey] = "caabot-eu",
        }));

        Assert.Equal(new Uri("http://collector:4317"), options.OtlpEndpoint);
        Assert.Equal(OtlpExportProtocol.Grpc, options.Protocol);
        Assert.Equal("caabot-eu", options.ServiceName);
        Assert.Equal(new Uri("http://collector:4317"), options.SignalEndpoint("traces"));
    }

    [Fact]
    public void Options_OwnSectionWinsOverTheStandardVariables()
    {
        var options = TelemetryOptions.From(Configuration(new()
        {
            [TelemetryOptions.StandardEndpointKey] = "http://other:4318",
            ["CaaBot:Telemetry:OtlpEndpoint"] = "http://collector:4318",
        }));

        Assert.Equal(OtlpExportProtocol.HttpProtobuf, options.Protocol);
        Assert.Equal(new Uri("http://collector:4318/v1/traces"), options.SignalEndpoint("traces"));
        Assert.Equal(new Uri("http://collector:4318/v1/metrics"), options.SignalEndpoint("metrics"));
    }

    [Fact]
    public void Options_HttpEndpointWithABasePathAndCredentials_SignalPathsAppendedAndLogsShowOnlyTheHost()
    {
        var options = TelemetryOptions.From(Configuration(new() { ["CaaBot:Telemetry:OtlpEndpoint"] = "https://user:s3cret@collector.example/otlp/" }));

        Assert.Equal("/otlp/v1/traces", options.SignalEndpoint("traces").AbsolutePath);
        Assert.Equal("https://collector.example:443", options.EndpointForLogs());
    }

    private const string TriageDialogGreeting = CaaBot.Bot.Dialogs.TriageDialog.GreetingPrompt;

    private static IConfiguration Configuration(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    /// <summary>A minimal OTLP/HTTP collector on 127.0.0.1: records every POST and answers 200 with an empty body.</summary>
    private sealed class OtlpReceiver : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentQueue<(string Path, string? ContentType, string Text)> _posts;

        private OtlpReceiver(WebApplication app, ConcurrentQueue<(string, string?, string)> posts, string address) => (_app, _posts, Address) = (app, posts, address);

        public string Address { get; }

        public IReadOnlyList<(string Path, string? ContentType, string Text)> Posts(string path) => [.. _posts.Where(post => post.Path == path)];

        public static async Task<OtlpReceiver> StartAsync()
        {
            var posts = new ConcurrentQueue<(string, string?, string)>();
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            app.MapPost("/v1/{signal}", async (HttpContext context) =>
            {
                using var body = new MemoryStream();
                await context.Request.Body.CopyToAsync(body, context.RequestAborted);
                posts.Enqueue((context.Request.Path.Value!, context.Request.ContentType, Encoding.UTF8.GetString(body.ToArray())));
                context.Response.ContentType = "application/x-protobuf";
                return Results.Ok();
            });
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
            return new OtlpReceiver(app, posts, address);
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
