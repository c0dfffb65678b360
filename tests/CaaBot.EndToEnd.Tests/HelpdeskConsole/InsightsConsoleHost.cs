using System.Globalization;
using CaaBot.EndToEnd.Tests.Infrastructure;
using CaaBot.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;

namespace CaaBot.EndToEnd.Tests.HelpdeskConsole;

/// <summary>
/// The real app in this process on Kestrel (a loopback port a browser can reach), on a fresh data folder, with the
/// console's sign-in replaced by <see cref="TestAgentAuthentication"/> until the console's own sign-in can be driven here.
/// </summary>
internal sealed class InsightsConsoleHost : WebApplicationFactory<Program>
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("caabot-insights-e2e-");

    public InsightsConsoleHost()
    {
        var port = FreePort.Next();
        Address = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, port));
    }

    public Uri Address { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("CaaBot:DataDirectory", _data.FullName);
        builder.ConfigureTestServices(TestAgentAuthentication.AddTo);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _data.Delete(recursive: true);
    }
}
