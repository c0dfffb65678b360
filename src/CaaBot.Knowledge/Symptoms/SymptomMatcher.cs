using CaaBot.Knowledge.Playbooks;

namespace CaaBot.Knowledge.Symptoms;

/// <summary>
/// Ranks playbooks against a user's own description of a sign-in failure ("teams keeps asking for my
/// pasword"), with a confidence and the words that matched. Immutable: build a new one when the catalog reloads.
/// </summary>
/// <remarks>
/// Why this design rather than embeddings or a trained classifier: it must run offline, without a model
/// download, stay explainable to the helpdesk, and be tunable by a playbook author who only edits symptom
/// phrases. So it is classic retrieval with a domain lexicon:
/// <list type="number">
/// <item>Both sides are normalized the same way (<see cref="SymptomAnalyzer"/>): case, accents,
/// contractions, one-edit typos, light stemming, then a hand-written lexicon folds synonyms into concepts.</item>
/// <item>Each playbook is a BM25F document: symptom phrases weigh most, then title, summary, introduction and
/// step titles. BM25 rewards rare shared terms and saturates repeated ones, which suits short, noisy input.</item>
/// <item>Two bonuses for structure BM25 ignores: how much of the single closest symptom phrase the user
/// covered (users usually describe one symptom), and neighbouring word pairs found in a phrase.</item>
/// <item>A platform boost when the user said (or clearly implied) where it happens.</item>
/// <item>Confidence is a softmax over all playbooks plus a fixed "none of these" score, so vague or
/// unrelated text spreads its mass thin and <see cref="WeakConfidence"/> can trigger the "none of these" offer.</item>
/// </list>
/// </remarks>
public sealed class SymptomMatcher
{
    /// <summary>Below this, the best match is a guess: lead with "none of these" or ask for more detail.</summary>
    public const double WeakConfidence = 0.3;

    // BM25: k1 saturates repeats, b = 0.5 because a playbook with many symptom phrases is not "longer" in the
    // sense of being less specific.
    private const double K1 = 1.2;
    private const double B = 0.5;
    private const double SymptomWeight = 1.0;
    private const double TitleWeight = 0.8;
    private const double SummaryWeight = 0.5;
    private const double BackgroundWeight = 0.2;
    private const double CoverageWeight = 2.5;
    private const double PairWeight = 0.6;
    private const double ExplainedWeight = 2.0;
    private const double PhraseMassForFullBonus = 4.0;
    private const double PlatformMatchBoost = 1.2;
    private const double PlatformMismatchPenalty = 0.6;
    private const double ImpliedPlatformBoost = 1.1;

    // Words no playbook uses still count as "said" when measuring how much of the text a playbook explains.
    private const double MinimumIdf = 1.0;

    // Softmax temperature and the score of the "none of these" option, in BM25 units.
    private const double Temperature = 1.5;
    private const double NoneScore = 4.0;

    private readonly SymptomAnalyzer analyzer;
    private readonly IReadOnlyList<Document> documents;
    private readonly Dictionary<string, double> idf = new(StringComparer.Ordinal);
    private readonly double averageLength;

    public SymptomMatcher(IEnumerable<Playbook> playbooks)
    {
        ArgumentNullException.ThrowIfNull(playbooks);
        var list = playbooks.OrderBy(p => p.Id, StringComparer.Ordinal).ToList();
        analyzer = new SymptomAnalyzer(list.SelectMany(Texts));
        documents = list.Select(Index).ToList();

        var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var term in documents.SelectMany(d => d.Frequencies.Keys))
        {
            documentFrequency[term] = documentFrequency.GetValueOrDefault(term) + 1;
        }

        foreach (var (term, df) in documentFrequency)
        {
            idf[term] = Math.Log(1 + ((documents.Count - df + 0.5) / (df + 0.5)));
        }

        averageLength = documents.Count == 0 ? 1 : Math.Max(1, documents.Average(d => d.Length));
    }

    /// <summary>Number of playbooks the matcher ranks.</summary>
    public int Count => documents.Count;

    /// <summary>The best playbooks for the description, best first; empty when nothing at all matched.</summary>
    /// <param name="userText">The user's words; error codes in it are ignored here (they are parsed before).</param>
    /// <param name="platform">Where the problem happens, when the user said so.</param>
    /// <param name="max">How many matches to return at most.</param>
    public IReadOnlyList<SymptomMatch> Match(string userText, PlaybookPlatform? platform = null, int max = 3)
    {
        ArgumentNullException.ThrowIfNull(userText);
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        var query = analyzer.Analyze(userText);
        if (query.Count == 0 || documents.Count == 0 || max == 0)
        {
            return [];
        }

        var implied = platform is null ? PlatformHints.Infer(userText) : null;
        var scored = documents.Select(d => Score(d, query, platform, implied)).ToList();

        var partition = Math.Exp(NoneScore / Temperature) + scored.Sum(s => Math.Exp(s.Score / Temperature));
        return scored
            .Where(s => s.Score > 0)
            .OrderByDescending(s => s.Score)
            .ThenBy(s => s.Document.Id, StringComparer.Ordinal)
            .Take(max)
            .Select(s => new SymptomMatch(
                s.Document.Id,
                Math.Round(Math.Exp(s.Score / Temperature) / partition, 4),
                s.Terms,
                s.ClosestSymptom))
            .ToList();
    }

    private Scored Score(Document document, IReadOnlyList<SymptomTerm> query, PlaybookPlatform? platform, PlaybookPlatform? implied)
    {
        var contributions = new List<(SymptomTerm Term, double Weight)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var score = 0.0;
        foreach (var term in query)
        {
            if (!seen.Add(term.Key) || !document.Frequencies.TryGetValue(term.Key, out var tf))
            {
                continue;
            }

            var norm = K1 * (1 - B + (B * document.Length / averageLength));
            var weight = idf[term.Key] * tf * (K1 + 1) / (tf + norm);
            score += weight;
            contributions.Add((term, weight));
        }

        if (score == 0)
        {
            return new Scored(document, 0, [], null);
        }

        // Coverage of the single closest phrase: "how much of one known symptom did the user say?"
        string? closest = null;
        var bestPhrase = 0.0;
        foreach (var phrase in document.Phrases)
        {
            var total = phrase.Keys.Sum(IdfOf);
            var covered = phrase.Keys.Where(seen.Contains).Sum(IdfOf);
            // Share of the phrase said, weighted by how much was said: a fully covered three-word phrase beats
            // a fully covered two-word one.
            var value = total == 0 ? 0 : covered / total * (covered / total) * Math.Min(1, covered / PhraseMassForFullBonus);
            if (value > bestPhrase)
            {
                bestPhrase = value;
                closest = phrase.IsSymptom ? phrase.Text : closest;
            }
        }

        score += CoverageWeight * bestPhrase;

        // How much of what the user said this playbook explains: a playbook matching "few minutes" but not
        // "mfa" should not beat one that matches "mfa".
        var saidMass = query.Select(t => t.Key).Distinct(StringComparer.Ordinal).Sum(k => Math.Max(IdfOf(k), MinimumIdf));
        score += ExplainedWeight * contributions.Sum(c => IdfOf(c.Term.Key)) / saidMass;

        var terms = contributions.OrderByDescending(c => c.Weight).ThenBy(c => c.Term.Key, StringComparer.Ordinal)
            .Select(c => Describe(c.Term)).ToList();
        for (var i = 1; i < query.Count; i++)
        {
            if (document.Pairs.Contains((query[i - 1].Key, query[i].Key)))
            {
                score += PairWeight * (IdfOf(query[i - 1].Key) + IdfOf(query[i].Key)) / 2;
                terms.Add(new MatchedTerm($"{query[i - 1].Surface} {query[i].Surface}", $"{query[i - 1].Meaning} {query[i].Meaning}", MatchedTermKind.Phrase));
            }
        }

        var covers = document.Platforms.Count == 0;
        if (platform is { } said)
        {
            covers |= document.Platforms.Contains(said);
            score *= covers ? PlatformMatchBoost : PlatformMismatchPenalty;
            if (covers)
            {
                terms.Add(new MatchedTerm(said.ToString(), said.ToString(), MatchedTermKind.Platform));
            }
        }
        else if (implied is { } guessed && (covers || document.Platforms.Contains(guessed)))
        {
            // Only a nudge: "works in the browser but not on my laptop" names the platform that is fine.
            score *= ImpliedPlatformBoost;
            terms.Add(new MatchedTerm(guessed.ToString(), guessed.ToString(), MatchedTermKind.Platform));
        }

        return new Scored(document, score, terms, closest);
    }

    private double IdfOf(string key) => idf.GetValueOrDefault(key);

    private static MatchedTerm Describe(SymptomTerm term)
    {
        if (term.CorrectedFrom is { } typed)
        {
            return new MatchedTerm(typed, term.Meaning, MatchedTermKind.Typo);
        }

        return term.IsConcept && !string.Equals(term.Surface, term.Meaning, StringComparison.Ordinal)
            ? new MatchedTerm(term.Surface, term.Meaning, MatchedTermKind.Synonym)
            : new MatchedTerm(term.Surface, term.Meaning, MatchedTermKind.Word);
    }

    private static IEnumerable<string> Texts(Playbook playbook) =>
        playbook.SymptomPhrases.Concat([playbook.Title, playbook.Summary, playbook.Introduction]).Concat(playbook.Steps.Select(s => s.Title));

    private Document Index(Playbook playbook)
    {
        var frequencies = new Dictionary<string, double>(StringComparer.Ordinal);
        var phrases = new List<Phrase>();
        var pairs = new HashSet<(string, string)>();
        var length = 0.0;

        void Add(string text, double weight, bool isSymptom, bool isPhrase)
        {
            var terms = analyzer.Analyze(text);
            foreach (var term in terms)
            {
                frequencies[term.Key] = frequencies.GetValueOrDefault(term.Key) + weight;
            }

            length += weight * terms.Count;
            if (isPhrase && terms.Count > 0)
            {
                phrases.Add(new Phrase(text, terms.Select(t => t.Key).Distinct(StringComparer.Ordinal).ToList(), isSymptom));
                for (var i = 1; i < terms.Count; i++)
                {
                    pairs.Add((terms[i - 1].Key, terms[i].Key));
                }
            }
        }

        foreach (var symptom in playbook.SymptomPhrases)
        {
            Add(symptom, SymptomWeight, isSymptom: true, isPhrase: true);
        }

        Add(playbook.Title, TitleWeight, isSymptom: false, isPhrase: true);
        Add(playbook.Summary, SummaryWeight, isSymptom: false, isPhrase: false);
        Add(playbook.Introduction, BackgroundWeight, isSymptom: false, isPhrase: false);
        foreach (var step in playbook.Steps)
        {
            Add(step.Title, BackgroundWeight, isSymptom: false, isPhrase: false);
        }

        return new Document(playbook.Id, playbook.Platforms, frequencies, length, phrases, pairs);
    }

    private sealed record Document(
        string Id,
        IReadOnlyList<PlaybookPlatform> Platforms,
        IReadOnlyDictionary<string, double> Frequencies,
        double Length,
        IReadOnlyList<Phrase> Phrases,
        IReadOnlySet<(string, string)> Pairs);

    private sealed record Phrase(string Text, IReadOnlyList<string> Keys, bool IsSymptom);

    private sealed record Scored(Document Document, double Score, IReadOnlyList<MatchedTerm> Terms, string? ClosestSymptom);
}
