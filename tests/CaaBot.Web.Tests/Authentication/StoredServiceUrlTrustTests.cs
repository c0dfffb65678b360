using CaaBot.Conversations.Testing.Time;
using CaaBot.Storage.InMemory;
using CaaBot.Web.Authentication;

namespace CaaBot.Web.Tests.Authentication;

public sealed class StoredServiceUrlTrustTests
{
    private static readonly Uri Teams = new("https://smba.trafficmanager.net/emea/");
    private readonly ManualTimeProvider _clock = new();
    private readonly InMemoryDocumentStore _store = new();

    [Fact]
    public async Task Trust_SeenByAnotherInstanceOnTheSameStore_AndAfterARestart()
    {
        await new StoredServiceUrlTrust(_store, _clock, TimeSpan.FromDays(30)).TrustAsync(Teams, CancellationToken.None);

        var restarted = new StoredServiceUrlTrust(_store, _clock, TimeSpan.FromDays(30));

        Assert.True(await restarted.IsTrustedAsync(new Uri("https://smba.trafficmanager.net/amer/"), CancellationToken.None));
        Assert.False(await restarted.IsTrustedAsync(new Uri("https://attacker.example/emea/"), CancellationToken.None));
    }

    [Fact]
    public async Task Trust_LapsesAfterItsLifetime_UnlessRenewedByLaterRequests()
    {
        var trust = new StoredServiceUrlTrust(_store, _clock, TimeSpan.FromDays(30));
        await trust.TrustAsync(Teams, CancellationToken.None);

        _clock.Advance(TimeSpan.FromDays(20));
        await trust.TrustAsync(Teams, CancellationToken.None);
        _clock.Advance(TimeSpan.FromDays(20));
        Assert.True(await new StoredServiceUrlTrust(_store, _clock, TimeSpan.FromDays(30)).IsTrustedAsync(Teams, CancellationToken.None));

        _clock.Advance(TimeSpan.FromDays(11));
        Assert.False(await trust.IsTrustedAsync(Teams, CancellationToken.None));
        Assert.False(await new StoredServiceUrlTrust(_store, _clock, TimeSpan.FromDays(30)).IsTrustedAsync(Teams, CancellationToken.None));
    }

    [Fact]
    public async Task Trust_ManyRequestsInADay_WriteOnce()
    {
        var trust = new StoredServiceUrlTrust(_store, _clock, TimeSpan.FromDays(30));
        await trust.TrustAsync(Teams, CancellationToken.None);
        var written = (await _store.ReadAsync(Key(), CancellationToken.None))!.ETag;

        for (var i = 0; i < 100; i++)
        {
            _clock.Advance(TimeSpan.FromMinutes(5));
            await trust.TrustAsync(Teams, CancellationToken.None);
        }

        Assert.Equal(written, (await _store.ReadAsync(Key(), CancellationToken.None))!.ETag);
        _clock.Advance(TimeSpan.FromHours(16));
        await trust.TrustAsync(Teams, CancellationToken.None);
        Assert.NotEqual(written, (await _store.ReadAsync(Key(), CancellationToken.None))!.ETag);
    }

    private static string Key() => "channel/trusted-service-url/" + Convert.ToHexStringLower(
        System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("https://smba.trafficmanager.net:443")));
}
