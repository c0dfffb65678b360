using System.Globalization;
using CaaBot.EndToEnd.Tests.Infrastructure;
using CaaBot.Storage.Tests.Support;

namespace CaaBot.EndToEnd.Tests.MultiInstance;

/// <summary>
/// Scale-out as deployed: a real PostgreSQL 15, two CaaBot.Web processes (<c>instance-1</c>, <c>instance-2</c>) that
/// share it (<c>CaaBot:Storage=Postgres</c>, one schema) and the Direct Line signing key, each with its own empty data
/// folder, and a round-robin proxy in front of them whose address is the public URL both announce. Everything is
/// stopped on dispose: the hosts by PID, the proxy, then PostgreSQL.
/// </summary>
public sealed class MultiInstanceFixture : IAsyncLifetime
{
    public const string TokenSigningKey = "multi-instance tests only: one signing key for every instance";
    public const string FirstInstance = "instance-1";
    public const string SecondInstance = "instance-2";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly DirectoryInfo _workDirectory = Directory.CreateTempSubdirectory("caabot-multi-instance-");
    private readonly Dictionary<string, ChildProcess> _hosts = new(StringComparer.Ordinal);

    public PostgresServer Postgres { get; } = new();

    public RoundRobinProxy Proxy { get; private set; } = null!;

    /// <summary>Each instance's own address (to reach one instance on purpose, bypassing the proxy).</summary>
    public IReadOnlyDictionary<string, Uri> Instances { get; private set; } = new Dictionary<string, Uri>();

    /// <summary>Where the Teams-shaped tests' replies go: a stand-in for the Bot Connector, shared by both instances.</summary>
    public ConnectorStandIn Connector { get; private set; } = null!;

    public string DescribeHosts() =>
        string.Join(Environment.NewLine, _hosts.Values.Select(host => host.RecentOutput())) + Environment.NewLine;

    public async Task InitializeAsync()
    {
        try
        {
            await Postgres.InitializeAsync();
            Connector = await ConnectorStandIn.StartAsync();
            Instances = new Dictionary<string, Uri>(StringComparer.Ordinal)
            {
                [FirstInstance] = new Uri($"http://127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}/"),
                [SecondInstance] = new Uri($"http://127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}/"),
            };
            Proxy = await RoundRobinProxy.StartAsync(Instances);
            await Task.WhenAll(Instances.Select(instance => StartHostAsync(instance.Key, instance.Value)));
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts.Values)
        {
            await host.DisposeAsync();
        }

        _hosts.Clear();
        if (Proxy is not null)
        {
            await Proxy.DisposeAsync();
        }

        if (Connector is not null)
        {
            await Connector.DisposeAsync();
        }

        await Postgres.DisposeAsync();
        try
        {
            _workDirectory.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task StartHostAsync(string name, Uri address)
    {
        var hostAssembly = TestPaths.CaaBotWebAssembly;
        var host = ChildProcess.Start(
            $"CaaBot.Web {name}",
            TestPaths.DotnetHost,
            [hostAssembly, "--urls", address.ToString().TrimEnd('/')],
            workingDirectory: Path.GetDirectoryName(hostAssembly)!,
            new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["CaaBot__Storage"] = "Postgres",
                ["ConnectionStrings__CaaBot"] = Postgres.ConnectionString(),
                ["CaaBot__Postgres__Schema"] = "caabot",
                ["CaaBot__AllowAnonymous"] = "true",
                ["CaaBot__DirectLine__AllowAnonymous"] = "true",
                ["CaaBot__DirectLine__TokenSigningKey"] = TokenSigningKey,
                ["CaaBot__DirectLine__PublicUrl"] = Proxy.Address.ToString().TrimEnd('/'),
                ["CaaBot__DataDirectory"] = Path.Combine(_workDirectory.FullName, name),
                ["MicrosoftAppId"] = "",
                ["MicrosoftAppPassword"] = "",
            });
        lock (_hosts)
        {
            _hosts[name] = host;
        }

        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        await Poll.UntilAsync(
            async token =>
            {
                host.ThrowIfExited();
                try
                {
                    using var response = await http.GetAsync(new Uri("/readyz", UriKind.Relative), token);
                    return response.IsSuccessStatusCode ? "ready" : null;
                }
                catch (HttpRequestException)
                {
                    return null;
                }
            },
            StartTimeout,
            () => $"GET {address}readyz never succeeded.{Environment.NewLine}{DescribeHosts()}",
            CancellationToken.None);
    }
}
