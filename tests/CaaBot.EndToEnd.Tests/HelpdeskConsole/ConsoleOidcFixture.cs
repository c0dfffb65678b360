using System.Globalization;
using CaaBot.EndToEnd.Tests.Infrastructure;

namespace CaaBot.EndToEnd.Tests.HelpdeskConsole;

/// <summary>
/// A real OpenID Connect provider (npm <c>oidc-provider</c>, tests/e2e-clients/oidc-test-provider.mjs: one client, one
/// user) on 127.0.0.1 and the real host process configured for it on <c>localhost</c>: two different sites, so the
/// browser treats the provider's redirect back as cross-site, as with a real provider. Both stopped by PID on dispose.
/// </summary>
public sealed class ConsoleOidcFixture : IAsyncLifetime
{
    public const string ClientId = "caabot-helpdesk";
    public const string Login = "grace";
    public const string Password = "provider password for grace";
    public const string Subject = "248289761001";
    public const string Name = "Grace Hopper";
    public const string ProviderName = "Contoso ID";
    private const string ClientSecret = "end-to-end tests only: the console's client secret";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("caabot-console-oidc-e2e-");
    private ChildProcess? _provider;
    private ChildProcess? _host;

    public Uri Provider { get; } = new($"http://127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}");

    public Uri Console { get; } = new($"http://localhost:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}");

    /// <summary>Both processes' recent output, for failure messages.</summary>
    public string Describe() => $"{_provider?.RecentOutput()}{Environment.NewLine}{_host?.RecentOutput()}";

    public async Task InitializeAsync()
    {
        NodeScript.EnsureInstalled("oidc-provider", "oidc-provider/package.json");
        try
        {
            _provider = ChildProcess.Start("oidc-provider", "node", [Path.Combine(TestPaths.E2eClientsDirectory, "oidc-test-provider.mjs")], TestPaths.E2eClientsDirectory, new Dictionary<string, string>
            {
                ["OIDC_PORT"] = Provider.Port.ToString(CultureInfo.InvariantCulture),
                ["OIDC_CLIENT_ID"] = ClientId,
                ["OIDC_CLIENT_SECRET"] = ClientSecret,
                ["OIDC_REDIRECT_URI"] = new Uri(Console, "/helpdesk/signin-oidc").ToString(),
                ["OIDC_USER_LOGIN"] = Login,
                ["OIDC_USER_PASSWORD"] = Password,
                ["OIDC_USER_SUB"] = Subject,
                ["OIDC_USER_NAME"] = Name,
                ["OIDC_USER_GROUPS"] = "staff,helpdesk-agents",
            });
            _host = ChildProcess.Start("CaaBot.Web", TestPaths.DotnetHost, [TestPaths.CaaBotWebAssembly, "--urls", Console.ToString().TrimEnd('/')], Path.GetDirectoryName(TestPaths.CaaBotWebAssembly)!, new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["CaaBot__DataDirectory"] = Path.Combine(_work.FullName, "data"),
                ["CaaBot__Helpdesk__Console__Oidc__Authority"] = Provider.ToString(),
                ["CaaBot__Helpdesk__Console__Oidc__ClientId"] = ClientId,
                ["CaaBot__Helpdesk__Console__Oidc__ClientSecret"] = ClientSecret,
                ["CaaBot__Helpdesk__Console__Oidc__ProviderName"] = ProviderName,
                ["CaaBot__Helpdesk__Console__Oidc__AllowedGroups__0"] = "helpdesk-agents",
                ["MicrosoftAppId"] = "",
                ["MicrosoftAppPassword"] = "",
            });
            using var starting = new CancellationTokenSource(StartTimeout);
            await Poll.UntilAnswersAsync(_provider, new Uri(Provider, "/.well-known/openid-configuration"), StartTimeout, starting.Token);
            await Poll.UntilAnswersAsync(_host, new Uri(Console, "/healthz"), StartTimeout, starting.Token);
        }
        catch
        {
            // xunit does not dispose a fixture whose InitializeAsync failed: stop whatever did start.
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        if (Interlocked.Exchange(ref _host, null) is { } host)
        {
            await host.DisposeAsync();
        }

        if (Interlocked.Exchange(ref _provider, null) is { } provider)
        {
            await provider.DisposeAsync();
        }

        try
        {
            _work.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a dying process; the temp folder is cleaned up by the OS eventually.
        }
    }
}
