namespace CaaBot.Knowledge.Symptoms;

/// <summary>
/// Turns text into <see cref="SymptomTerm"/>s: words, typo correction against the known vocabulary,
/// stemming, then the longest lexicon phrase at each position, then stop-word removal (after the
/// lexicon, so "log in" and "again and again" survive as concepts).
/// </summary>
internal sealed class SymptomAnalyzer
{
    private const int MinTypoLength = 5;

    private readonly Dictionary<string, string> phrases = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> vocabulary = new(StringComparer.Ordinal);
    private readonly HashSet<string> knownStems = new(StringComparer.Ordinal);
    private readonly int longestPhrase;

    /// <param name="corpus">The playbook texts: their words are the vocabulary typos are corrected towards.</param>
    public SymptomAnalyzer(IEnumerable<string> corpus)
    {
        foreach (var (concept, surfaces) in SymptomLexicon.Concepts)
        {
            foreach (var surface in surfaces)
            {
                var words = SymptomText.Words(surface);
                var key = string.Join(' ', words.Select(SymptomText.Stem));
                // First concept listing a phrase wins; the table is reviewed by hand, so this is deterministic.
                phrases.TryAdd(key, "@" + concept);
                longestPhrase = Math.Max(longestPhrase, words.Count);
                Learn(words);
            }
        }

        foreach (var text in corpus)
        {
            Learn(SymptomText.Words(text));
        }
    }

    public IReadOnlyList<SymptomTerm> Analyze(string text)
    {
        var typed = SymptomText.Words(text);
        var words = typed.ToArray();
        var corrected = new string?[words.Length];
        var stems = new string[words.Length];
        for (var i = 0; i < words.Length; i++)
        {
            var word = words[i];
            var stem = SymptomText.Stem(word);
            if (IsTypoCandidate(word, stem) && Correct(word) is { } fix)
            {
                corrected[i] = word;
                words[i] = fix;
                stem = SymptomText.Stem(fix);
            }

            stems[i] = stem;
        }

        var terms = new List<SymptomTerm>();
        for (var i = 0; i < words.Length;)
        {
            var matched = false;
            for (var length = Math.Min(longestPhrase, words.Length - i); length >= 1 && !matched; length--)
            {
                if (phrases.TryGetValue(string.Join(' ', stems, i, length), out var concept))
                {
                    var typo = corrected.Skip(i).Take(length).FirstOrDefault(c => c is not null);
                    terms.Add(new SymptomTerm(concept, string.Join(' ', words.Skip(i).Take(length)), typo));
                    i += length;
                    matched = true;
                }
            }

            if (matched)
            {
                continue;
            }

            var word = words[i];
            var stemmed = stems[i];
            if (word.Length > 1 && !SymptomLexicon.StopWords.Contains(word) && !SymptomLexicon.StopWords.Contains(stemmed))
            {
                terms.Add(new SymptomTerm(stemmed, word, corrected[i]));
            }

            i++;
        }

        return terms;
    }

    private void Learn(IEnumerable<string> words)
    {
        foreach (var word in words)
        {
            vocabulary[word] = vocabulary.GetValueOrDefault(word) + 1;
            knownStems.Add(SymptomText.Stem(word));
        }
    }

    private bool IsTypoCandidate(string word, string stem) =>
        word.Length >= MinTypoLength
        && word.All(char.IsAsciiLetterLower)
        && !vocabulary.ContainsKey(word)
        && !knownStems.Contains(stem)
        && !SymptomLexicon.StopWords.Contains(word);

    // Nearest known word at most one edit away, same first letter (first letters are rarely mistyped, and
    // requiring it keeps real but unknown words from being "corrected"); the most frequent wins, then ordinal.
    private string? Correct(string word)
    {
        string? best = null;
        var bestCount = 0;
        foreach (var (candidate, count) in vocabulary)
        {
            if (candidate.Length < MinTypoLength - 1 || candidate[0] != word[0] || !SymptomText.WithinOneEdit(word, candidate))
            {
                continue;
            }

            if (count > bestCount || (count == bestCount && string.CompareOrdinal(candidate, best) < 0))
            {
                best = candidate;
                bestCount = count;
            }
        }

        return best;
    }
}
