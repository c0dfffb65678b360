using System.Globalization;
using System.Text.RegularExpressions;
using CaaBot.EndToEnd.Tests.Infrastructure;
using CaaBot.EndToEnd.Tests.Playground;

namespace CaaBot.EndToEnd.Tests;

/// <summary>
/// The real CaaBot.Web host and the Microsoft 365 Agents Playground (a Teams simulator), each as its own process on
/// free loopback ports, wired to each other: the Playground posts Teams-shaped, unauthenticated activities to the
/// host's <c>/api/messages</c>, the host posts its replies to the Playground's <c>/_connector</c>, and
/// <see cref="Playground"/> reads them off the Playground's conversation stream. Both processes are killed (with
/// their process trees) by PID on dispose; the host's data directory is a fresh temporary folder.
/// </summary>
public sealed partial class AgentsPlaygroundFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly DirectoryInfo _workDirectory = Directory.CreateTempSubdirectory("caabot-e2e-");
    private ChildProcess? _host;
    private ChildProcess? _playgroundProcess;
    private PlaygroundClient? _playground;

    /// <summary>The bot's messaging endpoint, e.g. http://127.0.0.1:41234/api/messages.</summary>
    public Uri BotEndpoint { get; private set; } = null!;

    /// <summary>The Playground's address (its web UI, internal API and <c>/_connector</c>).</summary>
    public Uri PlaygroundAddress { get; private set; } = null!;

    public PlaygroundClient Playground => _playground ?? throw new InvalidOperationException("The fixture has not started.");

    /// <summary>Both processes' recent output, to append to a failure message.</summary>
    public string DescribeProcesses() =>
        string.Join(Environment.NewLine, new[] { _host, _playgroundProcess }.OfType<ChildProcess>().Select(process => process.RecentOutput()));

    public async Task InitializeAsync()
    {
        // Resolve both programs first, so a missing `npm ci` fails at once with the command to run.
        var playgroundLauncher = TestPaths.AgentsPlaygroundLauncher;
        var hostAssembly = TestPaths.CaaBotWebAssembly;
        if (!File.Exists(hostAssembly))
        {
            throw new InvalidOperationException($"The CaaBot.Web build output is missing: {hostAssembly}. Build with `dotnet build tests/CaaBot.EndToEnd.Tests`.");
        }

        using var starting = new CancellationTokenSource(StartTimeout);
        try
        {
            await StartHostAsync(hostAssembly, starting.Token);
            await StartPlaygroundAsync(playgroundLauncher, starting.Token);
            _playground = await PlaygroundClient.ConnectAsync(PlaygroundAddress, starting.Token);
        }
        catch (Exception exception)
        {
            // xunit does not dispose a fixture whose InitializeAsync failed: stop whatever did start.
            var processes = DescribeProcesses();
            await DisposeAsync();
            if (exception is InvalidOperationException)
            {
                throw; // already says which process failed and shows its output
            }

            throw new InvalidOperationException($"The end-to-end environment did not start: {exception.Message}{Environment.NewLine}{processes}", exception);
        }
    }

    public async Task DisposeAsync()
    {
        // Client first, then the Playground (so it does not log a lost bot), then the host. Safe to call twice.
        if (Interlocked.Exchange(ref _playground, null) is { } playground)
        {
            await playground.DisposeAsync();
        }

        if (Interlocked.Exchange(ref _playgroundProcess, null) is { } playgroundProcess)
        {
            await playgroundProcess.DisposeAsync();
        }

        if (Interlocked.Exchange(ref _host, null) is { } host)
        {
            await host.DisposeAsync();
        }

        try
        {
            _workDirectory.Refresh();
            if (_workDirectory.Exists)
            {
                _workDirectory.Delete(recursive: true);
            }
        }
        catch (IOException)
        {
            // A file still held open by a dying process: the temp folder is cleaned by the OS eventually.
        }
    }

    private async Task StartHostAsync(string hostAssembly, CancellationToken cancellationToken)
    {
        var port = FreePort.Next();
        var address = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        BotEndpoint = new Uri(address, "/api/messages");
        _host = ChildProcess.Start(
            "CaaBot.Web",
            TestPaths.DotnetHost,
            [hostAssembly, "--urls", address.ToString().TrimEnd('/')],
            workingDirectory: Path.GetDirectoryName(hostAssembly)!,
            new Dictionary<string, string>
            {
                // Production on purpose: anonymous channel traffic is allowed by the explicit switch, not by Development.
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["CaaBot__AllowAnonymous"] = "true",
                ["CaaBot__DataDirectory"] = Path.Combine(_workDirectory.FullName, "data"),
                // A developer's own bot registration in the environment would switch token checks on.
                ["MicrosoftAppId"] = "",
                ["MicrosoftAppPassword"] = "",
            });

        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        await Poll.UntilAsync(
            async token =>
            {
                _host.ThrowIfExited();
                try
                {
                    using var response = await http.GetAsync(new Uri("/healthz", UriKind.Relative), token);
                    return response.IsSuccessStatusCode ? response.StatusCode.ToString() : null;
                }
                catch (HttpRequestException)
                {
                    return null;
                }
            },
            StartTimeout,
            () => $"GET {address}healthz never succeeded.{Environment.NewLine}{_host.RecentOutput()}",
            cancellationToken);
    }

    private async Task StartPlaygroundAsync(string launcher, CancellationToken cancellationToken)
    {
        var playgroundDirectory = _workDirectory.CreateSubdirectory("playground");
        _playgroundProcess = ChildProcess.Start(
            "Agents Playground",
            launcher,
            ["-e", BotEndpoint.ToString(), "-c", "msteams", "--dt", "-p", FreePort.Next().ToString(CultureInfo.InvariantCulture)],
            // It writes devTools/m365agentsplayground.log and looks for .m365agentsplayground.yml in its working directory.
            workingDirectory: playgroundDirectory.FullName,
            new Dictionary<string, string>
            {
                // Otherwise it opens a browser, and where none is installed (xdg-open missing) it exits with code 1.
                ["TEAMSAPPTESTER_BROWSER"] = "none",
            });

        // It falls back to a random port when the requested one is taken, so read the one it reports.
        var listening = await Poll.UntilAsync(
            token =>
            {
                _playgroundProcess.ThrowIfExited();
                return Task.FromResult(_playgroundProcess.FindInOutput(ListeningOn()));
            },
            StartTimeout,
            () => $"the Playground never reported its port.{Environment.NewLine}{_playgroundProcess.RecentOutput()}",
            cancellationToken);
        PlaygroundAddress = new Uri($"http://127.0.0.1:{listening.Groups["port"].Value}/");
    }

    [GeneratedRegex(@"^Listening on (?<port>\d+)$")]
    private static partial Regex ListeningOn();
}
