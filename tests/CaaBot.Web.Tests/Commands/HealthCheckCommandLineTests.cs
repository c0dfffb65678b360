using CaaBot.Storage.Abstractions;
using CaaBot.Web.Commands;
using CaaBot.Web.Endpoints;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CaaBot.Web.Tests.Commands;

/// <summary><c>healthcheck</c> (the container's HEALTHCHECK) against the real health endpoints on a real Kestrel port.</summary>
public sealed class HealthCheckCommandLineTests
{
    [Fact]
    public async Task Healthcheck_ReadyHost_ExitsZero()
    {
        await using var host = await HealthHost.StartAsync(reachable: true);

        var (exitCode, output, _) = await RunAsync("healthcheck", "--url", host.Address + "/readyz");

        Assert.Equal(HealthCheckCommandLine.Healthy, exitCode);
        Assert.Contains("200", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Healthcheck_StorageUnreachable_ExitsOne()
    {
        await using var host = await HealthHost.StartAsync(reachable: false);

        var (exitCode, _, error) = await RunAsync("healthcheck", "--url", host.Address + "/readyz");

        Assert.Equal(HealthCheckCommandLine.Unhealthy, exitCode);
        Assert.Contains("503", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Healthcheck_NothingListening_ExitsOne()
    {
        string address;
        await using (var host = await HealthHost.StartAsync(reachable: true))
        {
            address = host.Address;
        }

        var (exitCode, _, _) = await RunAsync("healthcheck", "--url", address + "/readyz", "--timeout", "3");

        Assert.Equal(HealthCheckCommandLine.Unhealthy, exitCode);
    }

    [Fact]
    public async Task Healthcheck_NoUrl_ProbesTheContainerPortFromAspNetCoreHttpPorts()
    {
        await using var host = await HealthHost.StartAsync(reachable: true);
        var port = new Uri(host.Address).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var (exitCode, output, _) = await RunWithPortsAsync(port, "healthcheck");

        Assert.Equal(HealthCheckCommandLine.Healthy, exitCode);
        Assert.Contains($"http://127.0.0.1:{port}/readyz", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--url", "ftp://host/readyz")]
    [InlineData("--timeout", "0")]
    [InlineData("--verbose")]
    [InlineData("--url")]
    public async Task Healthcheck_BadOption_ExitsWithUsageError(params string[] options)
    {
        var (exitCode, _, error) = await RunAsync(["healthcheck", .. options]);

        Assert.Equal(HealthCheckCommandLine.UsageError, exitCode);
        Assert.Contains("Usage: CaaBot.Web healthcheck", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OtherCommand_IsNotHandled()
    {
        var exitCode = await HealthCheckCommandLine.TryRunAsync(["kb", "lint"], TextWriter.Null, TextWriter.Null, null, CancellationToken.None);

        Assert.Null(exitCode);
    }

    private static Task<(int? ExitCode, string Output, string Error)> RunAsync(params string[] args) => RunWithPortsAsync(null, args);

    private static async Task<(int? ExitCode, string Output, string Error)> RunWithPortsAsync(string? httpPorts, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await HealthCheckCommandLine.TryRunAsync(args, output, error, httpPorts, CancellationToken.None);
        return (exitCode, output.ToString(), error.ToString());
    }

    /// <summary>The host's own health endpoints on Kestrel at 127.0.0.1 on a free port, with storage that answers or not.</summary>
    private sealed class HealthHost : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private HealthHost(WebApplication app, string address) => (_app, Address) = (app, address);

        public string Address { get; }

        public static async Task<HealthHost> StartAsync(bool reachable)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Services.AddSingleton<IStorageHealthCheck>(new FixedHealth(reachable));
            var app = builder.Build();
            app.MapHealthApi();
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
            return new HealthHost(app, address.Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private sealed class FixedHealth(bool reachable) : IStorageHealthCheck
    {
        public Task<bool> IsReachableAsync(CancellationToken cancellationToken) => Task.FromResult(reachable);
    }
}
