using System.Globalization;
using CaaBot.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CaaBot.EndToEnd.Tests.WebChat;

/// <summary>
/// The real CaaBot.Web host as its own process on a free loopback port (Production, with anonymous web chat switched on
/// explicitly, a fresh SQLite data folder), plus Debian's Chromium driven by Playwright, launched on first use.
/// <see cref="RestartHostAsync"/> (or <see cref="StopHostAsync"/>, then <see cref="StartHostAsync"/>) kills the host and
/// starts it again on the same port, data folder and token signing key, as a redeployment or crash-and-restart would. Both are stopped on dispose; the host by PID with its process tree.
/// </summary>
public sealed class WebChatHostFixture : IAsyncLifetime
{
    /// <summary>The same on every start, so tokens issued before a restart stay valid after it (as on every instance in production).</summary>
    public const string TokenSigningKey = "end-to-end tests only: a signing key of 32+ bytes";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly DirectoryInfo _workDirectory = Directory.CreateTempSubdirectory("caabot-webchat-e2e-");
    private readonly SemaphoreSlim _browserGate = new(1, 1);
    private readonly List<string> _earlierRuns = [];
    private ChildProcess? _host;
    private int _starts;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public Uri Address { get; private set; } = null!;

    /// <summary>The host's recent output (and that of its earlier runs, when it was restarted), for failure messages.</summary>
    public string DescribeHost() =>
        string.Join(Environment.NewLine, [.. _earlierRuns, _host?.RecentOutput() ?? "(the host is not running)"]) + Environment.NewLine;

    public async Task InitializeAsync()
    {
        Address = new Uri($"http://127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}/");
        try
        {
            await StartHostAsync(CancellationToken.None);
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Kills the running host (no graceful shutdown: open WebSockets and polls just break) and starts a new process on
    /// the same address, data folder and signing key; returns once it answers <c>/healthz</c>.
    /// </summary>
    public async Task RestartHostAsync(CancellationToken cancellationToken)
    {
        await StopHostAsync();
        await StartHostAsync(cancellationToken);
    }

    /// <summary>Kills the running host, keeping its output for <see cref="DescribeHost"/>; <see cref="StartHostAsync"/> brings it back.</summary>
    public async Task StopHostAsync()
    {
        if (Interlocked.Exchange(ref _host, null) is { } running)
        {
            _earlierRuns.Add($"{running.RecentOutput()}{Environment.NewLine}--- (killed here by the test)");
            await running.DisposeAsync();
        }
    }

    /// <summary>Starts the host on the fixture's address, data folder and signing key; returns once it answers <c>/healthz</c>.</summary>
    public async Task StartHostAsync(CancellationToken cancellationToken)
    {
        if (_host is not null)
        {
            throw new InvalidOperationException("The host is already running; stop it first.");
        }

        var hostAssembly = TestPaths.CaaBotWebAssembly;
        _starts++;
        var host = ChildProcess.Start(
            _starts == 1 ? "CaaBot.Web" : $"CaaBot.Web (start {_starts.ToString(CultureInfo.InvariantCulture)})",
            TestPaths.DotnetHost,
            [hostAssembly, "--urls", Address.ToString().TrimEnd('/')],
            workingDirectory: Path.GetDirectoryName(hostAssembly)!,
            new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["CaaBot__DirectLine__AllowAnonymous"] = "true",
                ["CaaBot__DataDirectory"] = Path.Combine(_workDirectory.FullName, "data"),
                ["CaaBot__DirectLine__TokenSigningKey"] = TokenSigningKey,
                ["MicrosoftAppId"] = "",
                ["MicrosoftAppPassword"] = "",
            });
        _host = host;
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        await Poll.UntilAsync(
            async token =>
            {
                host.ThrowIfExited();
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
            () => $"GET {Address}healthz never succeeded.{Environment.NewLine}{DescribeHost()}",
            cancellationToken);
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
