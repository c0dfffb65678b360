using System.Xml.Linq;
using CaaBot.Storage.Abstractions;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace CaaBot.Web.HelpdeskConsole.Authentication;

/// <summary>
/// Keeps the data-protection key ring (which protects the console's session and antiforgery cookies) in the bot's own
/// store, so a restart keeps sessions and every instance sharing a PostgreSQL database reads the same keys.
/// </summary>
/// <remarks>
/// <see cref="IXmlRepository"/> is synchronous by design; the key manager calls it only when it (re)loads the ring
/// (at first use, then about daily) or adds a key, so blocking on the store here is rare and never on a hot path.
/// The keys are stored unencrypted, like a key ring folder would be: protect the database as you protect secrets.
/// </remarks>
public sealed class DocumentStoreXmlRepository(IDocumentStore store) : IXmlRepository
{
    public const string DocumentKey = "helpdesk-console/data-protection-keys";

    public IReadOnlyCollection<XElement> GetAllElements() =>
        [.. (ReadAsync().GetAwaiter().GetResult()?.Value.Keys ?? []).Select(xml => XElement.Parse(xml))];

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        var xml = element.ToString(SaveOptions.DisableFormatting);
        store.UpdateAsync(
                DocumentKey,
                current => new StoredKeyRing([.. current?.Value.Keys ?? [], xml]),
                StoredKeyRingJsonContext.Default.StoredKeyRing,
                CancellationToken.None)
            .GetAwaiter()
            .GetResult();
    }

    private Task<Versioned<StoredKeyRing>?> ReadAsync() =>
        store.ReadAsync(DocumentKey, StoredKeyRingJsonContext.Default.StoredKeyRing, CancellationToken.None);
}
