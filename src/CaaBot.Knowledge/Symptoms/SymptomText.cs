using System.Text;

namespace CaaBot.Knowledge.Symptoms;

/// <summary>
/// The text clean-up shared by playbook phrases and user messages, so both sides of a comparison are
/// shaped the same way: lower case, accents folded, contractions expanded, punctuation gone, light stemming.
/// </summary>
internal static class SymptomText
{
    // Contractions with and without the apostrophe: people in a hurry type "cant" and "doesnt".
    private static readonly Dictionary<string, string> Contractions = new(StringComparer.Ordinal)
    {
        ["can't"] = "can not", ["cant"] = "can not", ["cannot"] = "can not",
        ["won't"] = "will not", ["wont"] = "will not",
        ["don't"] = "do not", ["dont"] = "do not",
        ["doesn't"] = "does not", ["doesnt"] = "does not", ["dosent"] = "does not", ["dosnt"] = "does not",
        ["didn't"] = "did not", ["didnt"] = "did not",
        ["isn't"] = "is not", ["isnt"] = "is not",
        ["wasn't"] = "was not", ["wasnt"] = "was not",
        ["aren't"] = "are not", ["arent"] = "are not",
        ["haven't"] = "have not", ["havent"] = "have not",
        ["hasn't"] = "has not", ["hasnt"] = "has not",
        ["couldn't"] = "could not", ["couldnt"] = "could not",
        ["wouldn't"] = "would not", ["wouldnt"] = "would not",
        ["shouldn't"] = "should not",
        ["i'm"] = "i am", ["im"] = "i am",
        ["it's"] = "it is", ["that's"] = "that is", ["there's"] = "there is",
        ["i've"] = "i have", ["i'll"] = "i will", ["i'd"] = "i would",
        ["you're"] = "you are", ["we're"] = "we are", ["they're"] = "they are",
        ["let's"] = "let us",
    };

    /// <summary>Lower case, fold accents, expand contractions and replace punctuation by spaces; returns the words.</summary>
    public static IReadOnlyList<string> Words(string text)
    {
        var folded = Fold(text);
        var words = new List<string>();
        foreach (var raw in folded.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var word = raw.Trim('\'');
            if (word.Length == 0)
            {
                continue;
            }

            if (Contractions.TryGetValue(word, out var expanded))
            {
                words.AddRange(expanded.Split(' '));
                continue;
            }

            // Possessives and leftover apostrophes ("teams's", "o'clock") carry no meaning here.
            if (word.EndsWith("'s", StringComparison.Ordinal))
            {
                word = word[..^2];
            }

            foreach (var part in word.Split('\'', StringSplitOptions.RemoveEmptyEntries))
            {
                words.Add(part);
            }
        }

        return words;
    }

    private const string AccentedLetters = "\u00e0\u00e1\u00e2\u00e3\u00e4\u00e5\u00e7\u00e8\u00e9\u00ea\u00eb\u00ec\u00ed\u00ee\u00ef\u00f1\u00f2\u00f3\u00f4\u00f5\u00f6\u00f9\u00fa\u00fb\u00fc\u00fd\u00ff\u0101\u0103\u0105\u0107\u0109\u010b\u010d\u010f\u0113\u0115\u0117\u0119\u011b\u011d\u011f\u0121\u0123\u0125\u0129\u012b\u012d\u012f\u0135\u0137\u013a\u013c\u013e\u0144\u0146\u0148\u014d\u014f\u0151\u0155\u0157\u0159\u015b\u015d\u015f\u0161\u0163\u0165\u0169\u016b\u016d\u016f\u0171\u0173\u0175\u0177\u017a\u017c\u017e";
    private const string PlainLetters = "aaaaaaceeeeiiiinooooouuuuyyaaaccccdeeeeegggghiiiijklllnnnooorrrssssttuuuuuuwyzzz";

    /// <summary>Lower-cases, strips diacritics and turns everything but letters, digits and apostrophes into spaces.</summary>
    public static string Fold(string text)
    {
        // The app runs with InvariantGlobalization, where string.Normalize cannot decompose accents, so the
        // Latin letters people actually type (Latin-1 and Latin Extended-A) are folded from a table.
        var lower = text.ToLowerInvariant();
        var builder = new StringBuilder(lower.Length);
        foreach (var original in lower)
        {
            var index = AccentedLetters.IndexOf(original, StringComparison.Ordinal);
            var c = index >= 0 ? PlainLetters[index] : original;
            switch (c)
            {
                case >= 'a' and <= 'z' or >= '0' and <= '9':
                    builder.Append(c);
                    break;
                case '\'' or '\u2019' or '\u2018' or '`' or '\u00b4':
                    builder.Append('\'');
                    break;
                case '\u00df':
                    builder.Append("ss");
                    break;
                case '\u00e6':
                    builder.Append("ae");
                    break;
                case '\u0153':
                    builder.Append("oe");
                    break;
                case '\u00f8':
                    builder.Append('o');
                    break;
                default:
                    builder.Append(' ');
                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// A deliberately small suffix stripper (plural, -ing, -ed, -ly, final e). A full Porter stemmer buys
    /// little on short symptom phrases, and this one is easy to reason about when a match looks odd.
    /// </summary>
    public static string Stem(string word)
    {
        // "windows" is the operating system far more often than the plural of the sign-in window.
        if (word.Length <= 3 || !char.IsAsciiLetter(word[^1]) || word == "windows")
        {
            return word;
        }

        var w = word;
        if (w.EndsWith("ies", StringComparison.Ordinal) && w.Length > 4)
        {
            w = w[..^3] + "y";
        }
        else if (w.EndsWith("sses", StringComparison.Ordinal))
        {
            w = w[..^2];
        }
        else if (w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal)
                 && !w.EndsWith("us", StringComparison.Ordinal) && !w.EndsWith("is", StringComparison.Ordinal))
        {
            w = w[..^1];
        }

        if (w.EndsWith("ing", StringComparison.Ordinal) && w.Length > 5)
        {
            w = Undouble(w[..^3]);
        }
        else if (w.EndsWith("ed", StringComparison.Ordinal) && w.Length > 4)
        {
            w = Undouble(w[..^2]);
        }
        else if (w.EndsWith("ically", StringComparison.Ordinal))
        {
            w = w[..^4];
        }
        else if (w.EndsWith("ly", StringComparison.Ordinal) && w.Length > 5)
        {
            w = w[..^2];
        }

        if (w.EndsWith('e') && w.Length > 4)
        {
            w = w[..^1];
        }

        return w;
    }

    // "logging" -> "logg" -> "log", "spinning" -> "spin"; but keep "install" and "access".
    private static string Undouble(string w) =>
        w.Length > 3 && w[^1] == w[^2] && w[^1] is not ('l' or 's' or 'z') ? w[..^1] : w;

    /// <summary>Optimal-string-alignment distance capped at 2: insertion, deletion, substitution or one swap of neighbours.</summary>
    public static bool WithinOneEdit(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 1)
        {
            return false;
        }

        var prefix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix])
        {
            prefix++;
        }

        if (prefix == a.Length && prefix == b.Length)
        {
            return true;
        }

        var restA = a.AsSpan(prefix);
        var restB = b.AsSpan(prefix);
        if (restA.Length == restB.Length)
        {
            // One substitution, or one swap of neighbours ("passowrd").
            if (restA[1..].SequenceEqual(restB[1..]))
            {
                return true;
            }

            return restA.Length >= 2 && restA[0] == restB[1] && restA[1] == restB[0] && restA[2..].SequenceEqual(restB[2..]);
        }

        return restA.Length > restB.Length ? restA[1..].SequenceEqual(restB) : restA.SequenceEqual(restB[1..]);
    }
}
