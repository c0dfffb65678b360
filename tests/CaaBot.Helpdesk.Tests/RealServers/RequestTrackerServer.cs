using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CaaBot.Helpdesk.Connectors.RequestTracker;

namespace CaaBot.Helpdesk.Tests.RealServers;

/// <summary>
/// A real Request Tracker 5 (Debian's packages, SQLite, standalone rt-server) in a temp directory on a free port,
/// set up as servers.md describes; one per test collection. Fails (never skips) when RT is not installed.
/// </summary>
public sealed class RequestTrackerServer : IAsyncLifetime
{
    public const string RootPassword = "caabot-test-root";

    private const string SetupDatabase = "/usr/sbin/rt-setup-database-5";
    private const string RtServer = "/usr/share/request-tracker5/libexec/rt-server";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "caabot-rt-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly StringBuilder _log = new();
    private Process? _process;
    private Dictionary<string, string> _environment = [];

    public int Port { get; private set; }

    public Uri BaseUrl => new($"http://127.0.0.1:{Port}/");

    /// <summary>An HTTP client for checking what RT holds, as root.</summary>
    public HttpClient Admin { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public bool IsRunning => _process is { HasExited: false };

    public string ServerLog => ServerProcess.Tail(_log);

    public async Task InitializeAsync()
    {
        foreach (var required in new[] { SetupDatabase, RtServer })
        {
            if (!File.Exists(required))
            {
                throw new InvalidOperationException(
                    $"Request Tracker 5 is not installed ({required} is missing). Run ./test.sh, which installs request-tracker5, rt5-db-sqlite and rt5-standalone from Debian's packages.");
            }
        }

        Directory.CreateDirectory(Path.Combine(_directory, "site.d"));
        Directory.CreateDirectory(Path.Combine(_directory, "var", "mason"));
        Directory.CreateDirectory(Path.Combine(_directory, "var", "session"));
        Port = ServerProcess.FreePort();
        await File.WriteAllTextAsync(Path.Combine(_directory, "root-password"), RootPassword);
        await File.WriteAllTextAsync(Path.Combine(_directory, "RT_SiteConfig.pm"), SiteConfig());
        _environment = new Dictionary<string, string>
        {
            ["RT_SITE_CONFIG"] = Path.Combine(_directory, "RT_SiteConfig.pm"),
            ["RT_SITE_CONFIG_DIR"] = Path.Combine(_directory, "site.d"),
        };
        Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("root:" + RootPassword)));

        using var setup = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await ServerProcess.RunAsync(
            SetupDatabase,
            ["--action", "init", "--skip-create", "--root-password-file", Path.Combine(_directory, "root-password")],
            _directory,
            _environment,
            setup.Token);
        await StartAsync();
    }

    /// <summary>Starts rt-server (again) on the same port and database; returns once REST 2.0 answers.</summary>
    public async Task StartAsync()
    {
        if (IsRunning)
        {
            return;
        }

        _process?.Dispose();
        _process = ServerProcess.Start(RtServer, ["--host", "127.0.0.1", "--port", Port.ToString(CultureInfo.InvariantCulture), "--max-workers", "2"], _directory, _environment, _log);
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"rt-server exited with {_process.ExitCode}:\n{ServerLog}");
            }

            try
            {
                using var response = await Admin.GetAsync(new Uri(BaseUrl, "REST/2.0/rt"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(200);
        }

        throw new InvalidOperationException($"rt-server did not answer within 60 s:\n{ServerLog}");
    }

    /// <summary>Stops rt-server with SIGTERM; the database stays for the next <see cref="StartAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (_process is not null)
        {
            await ServerProcess.StopAsync(_process);
        }
    }

    public RequestTrackerConnector Connector(string name = "rt", string? queue = null, string? password = null) => new(
        name,
        new RequestTrackerSettings { BaseUrl = BaseUrl, Queue = queue ?? "General", Username = "root", Password = password ?? RootPassword },
        new HttpClient { Timeout = TimeSpan.FromSeconds(30) });

    /// <summary>A connector authenticating with <paramref name="token"/> (<c>Authorization: token …</c>) instead of a password.</summary>
    public RequestTrackerConnector TokenConnector(string token) => new(
        "rt",
        new RequestTrackerSettings { BaseUrl = BaseUrl, Token = token },
        new HttpClient { Timeout = TimeSpan.FromSeconds(30) });

    /// <summary>
    /// An auth token for root, made through RT's Perl API (REST 2.0 has no endpoint that creates one), as an admin
    /// would under Settings › Auth Tokens.
    /// </summary>
    public async Task<string> CreateAuthTokenAsync(CancellationToken cancellationToken)
    {
        var log = new StringBuilder();
        using var perl = ServerProcess.Start(
            "/usr/bin/perl",
            ["-I/usr/share/request-tracker5/lib", "-e", """use RT; RT::LoadConfig(); RT::Init(); my $u = RT::User->new(RT->SystemUser); $u->Load("root"); my $t = RT::AuthToken->new(RT->SystemUser); my ($ok, $msg, $auth) = $t->Create(Owner => $u->Id, Description => "caabot tests"); die "$msg\n" unless $ok; print "TOKEN=$auth\n";"""],
            _directory,
            _environment,
            log);
        await perl.WaitForExitAsync(cancellationToken);
        var output = ServerProcess.Tail(log);
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("TOKEN=", StringComparison.Ordinal));
        return perl.ExitCode == 0 && line is not null
            ? line["TOKEN=".Length..].Trim()
            : throw new InvalidOperationException($"Creating an RT auth token failed ({perl.ExitCode}):\n{output}");
    }

    public async Task<JsonNode> GetAsync(string path)
    {
        using var response = await Admin.GetAsync(new Uri(BaseUrl, "REST/2.0/" + path));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>Every ticket whose subject contains <paramref name="text"/>, as TicketSQL sees them.</summary>
    public async Task<IReadOnlyList<JsonNode>> SearchAsync(string text)
    {
        var found = await GetAsync("tickets?query=" + Uri.EscapeDataString($"Subject LIKE '{text}'") + "&fields=Subject,Status");
        return [.. found["items"]!.AsArray().Select(item => item!)];
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        _process?.Dispose();
        Admin.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // a worker still closing a file: the temp folder is cleaned by the system
        }
    }

    private string SiteConfig()
    {
        string Perl(string path) => path.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal);
        return string.Create(CultureInfo.InvariantCulture, $$"""
            Set($rtname, 'caabot-test');
            Set($Organization, 'caabot.test');
            Set($DatabaseType, 'SQLite');
            Set($DatabaseName, '{{Perl(Path.Combine(_directory, "rt.db"))}}');
            Set($WebDomain, '127.0.0.1');
            Set($WebPort, {{Port}});
            Set($WebPath, '');
            Set($WebBaseURL, 'http://127.0.0.1:{{Port}}');
            Set($LogToSTDERR, 'warning');
            Set($LogToSyslog, undef);
            Set($LogToFile, undef);
            Set($MailCommand, 'mbox');
            Set($CorrespondAddress, 'rt@caabot.test');
            Set($CommentAddress, 'rt-comment@caabot.test');
            $RT::MasonDataDir = '{{Perl(Path.Combine(_directory, "var", "mason"))}}';
            $RT::MasonSessionDir = '{{Perl(Path.Combine(_directory, "var", "session"))}}';
            $RT::VarPath = '{{Perl(Path.Combine(_directory, "var"))}}';
            1;
            """);
    }
}
