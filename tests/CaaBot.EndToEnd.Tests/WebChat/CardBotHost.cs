using System.Globalization;
using CaaBot.Conversations.Turns;
using CaaBot.EndToEnd.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CaaBot.EndToEnd.Tests.WebChat;

/// <summary>
/// The real host, in-process but on real Kestrel (so Chromium can reach it), with <see cref="CardJourneyBot"/> in place
/// of the support bot: the card journey does not depend on the wording of dialogs that are still being written.
/// </summary>
public sealed class CardBotHost : WebApplicationFactory<Program>
{
    private readonly int _port = FreePort.Next();

    public Uri Address => new($"http://127.0.0.1:{_port.ToString(CultureInfo.InvariantCulture)}/");

    public void Start()
    {
        UseKestrel(_port);
        StartServer();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Production");
        builder.UseSetting("CaaBot:Storage", "InMemory");
        builder.UseSetting("CaaBot:DataDirectory", Path.Combine(Path.GetTempPath(), "caabot-cardbot-unused"));
        builder.UseSetting("CaaBot:DirectLine:AllowAnonymous", "true");
        builder.UseSetting("CaaBot:DirectLine:TokenSigningKey", "end-to-end tests only: a signing key of 32+ bytes");
        builder.ConfigureTestServices(services => services.AddSingleton<IBot, CardJourneyBot>());
    }
}
