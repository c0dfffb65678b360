using System.Globalization;
using System.Text;

namespace CaaBot.Conversations.Recognition;

/// <summary>
/// Reduces what a user typed to a comparable key: lower case, without spaces or punctuation, so that
/// "Start over!", "start  over" and "startover" are the same answer. Emoji and other symbols are kept.
/// </summary>
public static class TextNormalizer
{
    // The last text normalized on this thread: the default interruptions (help, cancel, start over) each ask for
    // the same incoming text in one turn. Normalize is a pure function of the string, so this cannot go stale.
    [ThreadStatic]
    private static (string Text, string Key)? t_last;

    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        if (t_last is { } last && ReferenceEquals(last.Text, text))
        {
            return last.Key;
        }

        var key = Ascii.IsValid(text) ? NormalizeAscii(text) : NormalizeUnicode(text);
        t_last = (text, key);
        return key;
    }

    /// <summary>The common case without a builder or normalization: ASCII is already in form C.</summary>
    private static string NormalizeAscii(string text)
    {
        Span<char> buffer = text.Length <= 256 ? stackalloc char[text.Length] : new char[text.Length];
        var length = 0;
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c) && !char.IsPunctuation(c))
            {
                buffer[length++] = char.ToLowerInvariant(c);
            }
        }

        return new string(buffer[..length]);
    }

    private static string NormalizeUnicode(string text)
    {
        var builder = new StringBuilder(text.Length);
        Span<char> utf16 = stackalloc char[2];
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune) || Rune.IsPunctuation(rune))
            {
                continue;
            }

            builder.Append(utf16[..Rune.ToLowerInvariant(rune).EncodeToUtf16(utf16)]);
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    public static HashSet<string> ToKeySet(IEnumerable<string> phrases) =>
        phrases.Select(Normalize).Where(key => key.Length > 0).ToHashSet(StringComparer.Ordinal);

    public static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
