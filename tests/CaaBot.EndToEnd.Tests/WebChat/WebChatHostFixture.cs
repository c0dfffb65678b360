using System.Globalization;
using CaaBot.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CaaBot.EndToEnd.Tests.WebChat;

/// <summary>
/// The real CaaBot.Web host as its own process on a free loopback port (Production, with anonymous web chat switched on
/// explicitly, a fresh SQLite data folder), plus Debian's Chromium driven by Playwright, launched on first use.
/// Both are stopped on dispose; the host by PID with its process tree.
/// </summary>
public sealed class WebChatHostFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly DirectoryInfo _workDirectory = Directory.CreateTempSubdirectory("caabot-webchat-e2e-");
    private readonly SemaphoreSlim _browserGate = new(1, 1);
    private ChildProcess? _host;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public Uri Address { get; private set; } = null!;

    public string DescribeHost() => _host?.RecentOutput() ?? "(the host did not start)";

    public async Task InitializeAsync()
    {
        var hostAssembly = TestPaths.CaaBotWebAssembly;
        var port = FreePort.Next();
        Address = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        _host = ChildProcess.Start(
            "CaaBot.Web",
            TestPaths.DotnetHost,
            [hostAssembly, "--urls", Address.ToString().TrimEnd('/')],
            workingDirectory: Path.GetDirectoryName(hostAssembly)!,
            new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["CaaBot__DirectLine__AllowAnonymous"] = "true",
                ["CaaBot__DataDirectory"] = Path.Combine(_workDirectory.FullName, "data"),
                ["CaaBot__DirectLine__TokenSigningKey"] = "end-to-end tests only: a signing key of 32+ bytes",
                ["MicrosoftAppId"] = "",
                ["MicrosoftAppPassword"] = "",
            });
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            await Poll.UntilAsync(
                async token =>
                {
                    _host.ThrowIfExited();
                    try
                    {
                        using var response = await http.GetAsync(new Uri("/healthz", UriKind.Relative), token);
                        return response.IsSuccessStatusCode ? "up" : null;
                    }
                    catch (HttpRequestException)
                    {
                        return null;
                    }
                },
                StartTimeout,
                () => $"GET {Address}healthz never succeeded.{Environment.NewLine}{_host.RecentOutput()}",
                CancellationToken.None);
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>Debian's Chromium (<c>/usr/bin/chromium</c>), headless, launched once per fixture.</summary>
    public async Task<IBrowser> BrowserAsync()
    {
        await _browserGate.WaitAsync();
        try
        {
            if (_browser is null)
            {
                _playwright = await Playwright.CreateAsync();
                _browser = await _playwright.Chromium.LaunchAsync(Chromium.LaunchOptions());
            }

            return _browser;
        }
        finally
        {
            _browserGate.Release();
        }
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (Interlocked.Exchange(ref _host, null) is { } host)
        {
            await host.DisposeAsync();
        }

        _browserGate.Dispose();
        try
        {
            _workDirectory.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
