using System.Globalization;
using System.Text;

namespace CaaBot.Conversations.Recognition;

/// <summary>
/// Reduces what a user typed to a comparable key: lower case, without spaces or punctuation, so that
/// "Start over!", "start  over" and "startover" are the same answer. Emoji and other symbols are kept.
/// </summary>
internal static class TextNormalizer
{
    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune) || Rune.IsPunctuation(rune))
            {
                continue;
            }

            builder.Append(Rune.ToLowerInvariant(rune).ToString());
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    public static HashSet<string> ToKeySet(IEnumerable<string> phrases) =>
        phrases.Select(Normalize).Where(key => key.Length > 0).ToHashSet(StringComparer.Ordinal);

    public static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
