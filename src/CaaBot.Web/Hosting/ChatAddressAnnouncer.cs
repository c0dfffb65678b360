using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CaaBot.Web.Hosting;

/// <summary>
/// Prints where the web chat is once the server listens, so a newcomer who ran the bot knows which address to open.
/// A wildcard binding (<c>0.0.0.0</c>, <c>[::]</c>, <c>+</c>, <c>*</c>) is shown as <c>localhost</c>, which a browser on the
/// same machine can open.
/// </summary>
public sealed partial class ChatAddressAnnouncer(IServer server, IHostApplicationLifetime lifetime, ILogger<ChatAddressAnnouncer> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            foreach (var address in ChatAddresses(server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []))
            {
                ChatReady(logger, address);
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The <c>/chat</c> address for each listening address, wildcards as <c>localhost</c>, without repeats.</summary>
    public static IReadOnlyList<string> ChatAddresses(IEnumerable<string> listening)
    {
        ArgumentNullException.ThrowIfNull(listening);
        var addresses = new List<string>();
        foreach (var raw in listening)
        {
            var openable = raw
                .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)
                .Replace("://[::]", "://localhost", StringComparison.Ordinal)
                .Replace("://+", "://localhost", StringComparison.Ordinal)
                .Replace("://*", "://localhost", StringComparison.Ordinal);
            if (Uri.TryCreate(openable, UriKind.Absolute, out var uri))
            {
                var chat = new Uri(uri, "/chat").AbsoluteUri;
                if (!addresses.Contains(chat, StringComparer.Ordinal))
                {
                    addresses.Add(chat);
                }
            }
        }

        return addresses;
    }

    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Web chat: open {ChatAddress} in a browser")]
    private static partial void ChatReady(ILogger logger, string chatAddress);
}
