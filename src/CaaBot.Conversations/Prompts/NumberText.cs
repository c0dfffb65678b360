using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;

namespace CaaBot.Conversations.Prompts;

/// <summary>Finds the number in an answer such as "3", "about 3 devices" or "three".</summary>
internal static partial class NumberText
{
    private static readonly string[] Words =
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];

    public static bool TryFind<T>(string? text, out T value)
        where T : INumber<T>
    {
        value = T.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var match = NumberPattern().Match(text);
        if (match.Success)
        {
            return T.TryParse(match.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out value!);
        }

        var word = WordPattern().Matches(text).Select(m => Array.IndexOf(Words, m.Value.ToLowerInvariant())).FirstOrDefault(index => index >= 0, -1);
        if (word < 0)
        {
            return false;
        }

        value = T.CreateChecked(word);
        return true;
    }

    [GeneratedRegex(@"[-+]?\d+(?:\.\d+)?", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"\p{L}+", RegexOptions.CultureInvariant)]
    private static partial Regex WordPattern();
}
