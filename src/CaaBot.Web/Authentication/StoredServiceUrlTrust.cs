using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CaaBot.Protocol.Authentication;
using CaaBot.Storage.Abstractions;

namespace CaaBot.Web.Authentication;

/// <summary>
/// <see cref="IServiceUrlTrust"/> kept in the document store, so a proactive message after a restart (or from another
/// instance) may still use a channel host that authenticated requests came from. Each instance remembers what it wrote
/// and writes again only when the stored trust is more than a day older than it would be now: one write per host and
/// day, not per message.
/// </summary>
public sealed class StoredServiceUrlTrust(IDocumentStore store, TimeProvider timeProvider, TimeSpan lifetime) : IServiceUrlTrust
{
    private static readonly TimeSpan RenewAfter = TimeSpan.FromDays(1);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _known = new(StringComparer.Ordinal);

    public async Task TrustAsync(Uri serviceUrl, CancellationToken cancellationToken)
    {
        var origin = InMemoryServiceUrlTrust.Origin(serviceUrl);
        var until = timeProvider.GetUtcNow() + lifetime;
        if (_known.TryGetValue(origin, out var known) && until - known < (lifetime < RenewAfter ? TimeSpan.Zero : RenewAfter))
        {
            return;
        }

        var record = JsonSerializer.SerializeToUtf8Bytes(new TrustRecord(origin, until));
        await store.WriteAsync(Key(origin), record, WritePrecondition.None, cancellationToken);
        _known[origin] = until;
    }

    public async Task<bool> IsTrustedAsync(Uri serviceUrl, CancellationToken cancellationToken)
    {
        var origin = InMemoryServiceUrlTrust.Origin(serviceUrl);
        var now = timeProvider.GetUtcNow();
        if (_known.TryGetValue(origin, out var known) && known > now)
        {
            return true;
        }

        var stored = await store.ReadAsync(Key(origin), cancellationToken);
        if (stored is null)
        {
            return false;
        }

        TrustRecord? record;
        try
        {
            record = JsonSerializer.Deserialize<TrustRecord>(stored.Content.Span);
        }
        catch (JsonException)
        {
            return false;
        }

        if (record is null || record.Origin != origin || record.TrustedUntil <= now)
        {
            return false;
        }

        _known[origin] = record.TrustedUntil;
        return true;
    }

    /// <summary>Keyed by a hash: origins hold characters a storage key should not, and their length is the channel's choice.</summary>
    private static string Key(string origin) => "channel/trusted-service-url/" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(origin)));

    private sealed record TrustRecord(string Origin, DateTimeOffset TrustedUntil);
}
