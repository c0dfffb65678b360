using System.Diagnostics.CodeAnalysis;
using CaaBot.Knowledge.Codes;
using CaaBot.Knowledge.Playbooks;
using CaaBot.Knowledge.Symptoms;

namespace CaaBot.Bot.Guides;

/// <summary>
/// The bot's view of the playbooks: the catalog's current snapshot, a symptom matcher built for that snapshot (and
/// rebuilt only when the folder changes), and the exact revision a conversation started with.
/// </summary>
public sealed class PlaybookLibrary(PlaybookCatalog catalog)
{
    private MatcherForSnapshot? _matcher;

    public PlaybookCatalogSnapshot Current => catalog.Current;

    public bool TryFindByCode(ErrorCode code, [NotNullWhen(true)] out Playbook? playbook)
    {
        ArgumentNullException.ThrowIfNull(code);
        return catalog.Current.TryFind(code.Normalized, out playbook);
    }

    public bool TryGetById(string playbookId, [NotNullWhen(true)] out Playbook? playbook) => catalog.Current.TryGetById(playbookId, out playbook);

    /// <summary>The revision a conversation started with, while the catalog still remembers it.</summary>
    public bool TryGetRevision(string playbookId, string revision, [NotNullWhen(true)] out Playbook? playbook) =>
        catalog.TryGetRevision(playbookId, revision, out playbook);

    public IReadOnlyList<SymptomMatch> MatchSymptom(string userWords, PlaybookPlatform? platform, int max)
    {
        var snapshot = catalog.Current;
        var cached = Volatile.Read(ref _matcher);
        if (cached is null || cached.Version != snapshot.Version)
        {
            // Two turns racing here both build one; the loser's is dropped. Cheaper than a lock on every match.
            cached = new MatcherForSnapshot(snapshot.Version, new SymptomMatcher(snapshot.Playbooks));
            Volatile.Write(ref _matcher, cached);
        }

        return cached.Matcher.Match(userWords, platform, max);
    }

    private sealed record MatcherForSnapshot(long Version, SymptomMatcher Matcher);
}
