using System.Diagnostics.CodeAnalysis;

namespace CaaBot.Knowledge.Playbooks;

/// <summary>
/// One immutable view of the playbooks. Readers take <see cref="PlaybookCatalog.Current"/> once and use
/// that object for the whole operation; a reload publishes a new snapshot and never changes this one.
/// </summary>
public sealed class PlaybookCatalogSnapshot
{
    private readonly Dictionary<string, Playbook> _byId = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Playbook> _byCode = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Playbook> _byAlias = new(StringComparer.OrdinalIgnoreCase);

    public PlaybookCatalogSnapshot(long version, DateTimeOffset loadedAt, IEnumerable<Playbook> playbooks, IReadOnlyCollection<string>? keptFromEarlier = null)
    {
        ArgumentNullException.ThrowIfNull(playbooks);
        Version = version;
        LoadedAt = loadedAt;
        Playbooks = [.. playbooks.OrderBy(p => p.Id, StringComparer.Ordinal)];
        KeptFromEarlier = [.. (keptFromEarlier ?? []).Order(StringComparer.Ordinal)];
        foreach (var playbook in Playbooks)
        {
            _byId.TryAdd(playbook.Id, playbook);
            if (playbook.Code is { } code)
            {
                _byCode.TryAdd(code, playbook);
            }

            foreach (var alias in playbook.Aliases)
            {
                _byAlias.TryAdd(alias, playbook);
            }
        }
    }

    public static PlaybookCatalogSnapshot Empty { get; } = new(0, DateTimeOffset.MinValue, []);

    /// <summary>Grows by one each time the set of playbooks (or any playbook's revision) changes.</summary>
    public long Version { get; }

    public DateTimeOffset LoadedAt { get; }

    /// <summary>All playbooks, ordered by id: what the symptom matcher searches.</summary>
    public IReadOnlyList<Playbook> Playbooks { get; }

    /// <summary>Ids served from an earlier load because their file currently has errors.</summary>
    public IReadOnlyList<string> KeptFromEarlier { get; }

    public bool TryGetById(string id, [NotNullWhen(true)] out Playbook? playbook) => _byId.TryGetValue(id, out playbook);

    /// <summary>By primary code, case-insensitively; pass the normalized form, e.g. <c>0xCAA20003</c> or <c>AADSTS50076</c>.</summary>
    public bool TryGetByCode(string code, [NotNullWhen(true)] out Playbook? playbook) => _byCode.TryGetValue(code.Trim(), out playbook);

    /// <summary>By alias (short form, symbolic name, OAuth error string), case-insensitively.</summary>
    public bool TryGetByAlias(string alias, [NotNullWhen(true)] out Playbook? playbook) => _byAlias.TryGetValue(alias.Trim(), out playbook);

    /// <summary>By code, then by alias: what to call with whatever the user typed after tolerant parsing.</summary>
    public bool TryFind(string codeOrAlias, [NotNullWhen(true)] out Playbook? playbook) =>
        TryGetByCode(codeOrAlias, out playbook) || TryGetByAlias(codeOrAlias, out playbook);
}
