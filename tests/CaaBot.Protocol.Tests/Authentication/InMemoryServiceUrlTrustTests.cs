using CaaBot.Protocol.Authentication;
using CaaBot.Protocol.Tests.Infrastructure;

namespace CaaBot.Protocol.Tests.Authentication;

public sealed class InMemoryServiceUrlTrustTests
{
    private readonly ManualTimeProvider _clock = new();

    [Fact]
    public async Task Trust_CoversTheOriginNotOtherHostsPortsOrSchemes()
    {
        var trust = new InMemoryServiceUrlTrust(_clock, TimeSpan.FromDays(1));
        await trust.TrustAsync(new Uri("https://smba.trafficmanager.net/emea/"), CancellationToken.None);

        Assert.True(await trust.IsTrustedAsync(new Uri("https://SMBA.trafficmanager.net/amer/v3/conversations"), CancellationToken.None));
        Assert.False(await trust.IsTrustedAsync(new Uri("http://smba.trafficmanager.net/emea/"), CancellationToken.None));
        Assert.False(await trust.IsTrustedAsync(new Uri("https://smba.trafficmanager.net:8443/emea/"), CancellationToken.None));
        Assert.False(await trust.IsTrustedAsync(new Uri("https://smba.trafficmanager.net.attacker.example/emea/"), CancellationToken.None));
    }

    [Fact]
    public async Task Trust_LapsesAfterItsLifetimeAndIsRenewedByTheNextValidatedRequest()
    {
        var trust = new InMemoryServiceUrlTrust(_clock, TimeSpan.FromDays(1));
        var serviceUrl = new Uri("https://smba.trafficmanager.net/emea/");
        await trust.TrustAsync(serviceUrl, CancellationToken.None);

        _clock.Advance(TimeSpan.FromHours(23));
        await trust.TrustAsync(serviceUrl, CancellationToken.None);
        _clock.Advance(TimeSpan.FromHours(23));
        Assert.True(await trust.IsTrustedAsync(serviceUrl, CancellationToken.None));
        _clock.Advance(TimeSpan.FromHours(2));
        Assert.False(await trust.IsTrustedAsync(serviceUrl, CancellationToken.None));
    }
}
