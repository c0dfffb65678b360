using System.Globalization;
using CaaBot.EndToEnd.Tests.Infrastructure;
using CaaBot.Web.HelpdeskConsole.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;

namespace CaaBot.EndToEnd.Tests.HelpdeskConsole;

/// <summary>
/// The real app in this process on Kestrel (a loopback port a browser can reach), on a fresh data folder, with the
/// helpdesk agents <see cref="Agents"/> as local accounts: browsers sign in through the console's own sign-in page.
/// </summary>
internal sealed class ConsoleAppHost : WebApplicationFactory<Program>
{
    public const string Password = "a long test passphrase";

    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("caabot-console-e2e-");
    private readonly IReadOnlyDictionary<string, string> _settings;

    /// <param name="agents">User name → display name of each local account (all with <see cref="Password"/>).</param>
    /// <param name="settings">More host settings.</param>
    public ConsoleAppHost(IReadOnlyDictionary<string, string> agents, IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = FreePort.Next();
        Address = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, port));
        var all = new Dictionary<string, string>(settings ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase)
        {
            ["CaaBot:DataDirectory"] = _data.FullName,
        };
        var hash = ConsolePasswordHasher.Hash(Password);
        var index = 0;
        foreach (var (userName, displayName) in agents)
        {
            all[$"CaaBot:Helpdesk:Console:Accounts:{index}:UserName"] = userName;
            all[$"CaaBot:Helpdesk:Console:Accounts:{index}:DisplayName"] = displayName;
            all[$"CaaBot:Helpdesk:Console:Accounts:{index}:PasswordHash"] = hash;
            index++;
        }

        _settings = all;
    }

    public Uri Address { get; }

    /// <summary>Signs <paramref name="page"/> in as <paramref name="userName"/> on the sign-in page, as an agent would, and lands on <paramref name="returnPath"/>.</summary>
    public async Task SignInAsync(IPage page, string userName, string returnPath)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync(new Uri(Address, "/helpdesk/signin?returnUrl=" + Uri.EscapeDataString(returnPath)).ToString());
        await page.FillAsync("#userName", userName);
        await page.FillAsync("#password", Password);

        // The waiter starts before the click: started after it, WaitForURLAsync checks the address first and misses a
        // navigation that lands in between (the OIDC sign-in test timed out so under load).
        var arrived = page.WaitForURLAsync(url => new Uri(url).AbsolutePath == returnPath, new PageWaitForURLOptions { Timeout = 30_000 });
        await page.ClickAsync("button:has-text('Sign in')");
        await arrived;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _data.Delete(recursive: true);
    }
}
