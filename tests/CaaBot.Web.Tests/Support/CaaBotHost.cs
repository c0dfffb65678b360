using CaaBot.Protocol.Connector;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CaaBot.Web.Tests.Support;

/// <summary>
/// The real host in-process, on its own temporary data folder, with a recording connector standing in
/// for the channel's REST API. Settings and service overrides per test.
/// </summary>
internal sealed class CaaBotHost : WebApplicationFactory<Program>
{
    private readonly string _environment;
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _overrides;

    public CaaBotHost(
        string environment = "Development",
        Dictionary<string, string?>? settings = null,
        Action<IServiceCollection>? overrides = null,
        string? dataDirectory = null)
    {
        _environment = environment;
        DataDirectory = dataDirectory ?? Path.Combine(Path.GetTempPath(), "caabot-web-tests", Guid.NewGuid().ToString("N"));
        _settings = new Dictionary<string, string?>(settings ?? [], StringComparer.OrdinalIgnoreCase)
        {
            ["CaaBot:DataDirectory"] = DataDirectory,
        };
        _overrides = overrides;
    }

    public string DataDirectory { get; }

    public RecordingConnector Connector { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddHttpClient<ConnectorClient>().ConfigurePrimaryHttpMessageHandler(() => Connector);
            _overrides?.Invoke(services);
        });
    }

    /// <summary>Deletes the data folder; call after disposing when the folder is not reused.</summary>
    public void DeleteData()
    {
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}
