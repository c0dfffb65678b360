using System.Collections.Concurrent;

namespace CaaBot.Protocol.Authentication;

/// <summary>
/// Trusted channel origins (scheme, host, port) in memory, each for <paramref name="lifetime"/> after the last validated
/// request that named it. A Teams region's URLs share one origin (<c>https://smba.trafficmanager.net</c>), so trusting
/// the origin is what keeps the token from leaking while proactive messages to any of its regions still work.
/// </summary>
public sealed class InMemoryServiceUrlTrust(TimeProvider timeProvider, TimeSpan lifetime) : IServiceUrlTrust
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _trustedUntil = new(StringComparer.Ordinal);

    public Task TrustAsync(Uri serviceUrl, CancellationToken cancellationToken)
    {
        _trustedUntil[Origin(serviceUrl)] = timeProvider.GetUtcNow() + lifetime;
        return Task.CompletedTask;
    }

    public Task<bool> IsTrustedAsync(Uri serviceUrl, CancellationToken cancellationToken) =>
        Task.FromResult(_trustedUntil.TryGetValue(Origin(serviceUrl), out var until) && until > timeProvider.GetUtcNow());

    /// <summary>The part of a service URL trust is about, lower case: <c>https://smba.trafficmanager.net:443</c>.</summary>
    public static string Origin(Uri serviceUrl)
    {
        ArgumentNullException.ThrowIfNull(serviceUrl);
        if (!serviceUrl.IsAbsoluteUri)
        {
            throw new ArgumentException("A service URL must be absolute.", nameof(serviceUrl));
        }

        return $"{serviceUrl.Scheme}://{serviceUrl.IdnHost}:{serviceUrl.Port}".ToLowerInvariant();
    }
}
