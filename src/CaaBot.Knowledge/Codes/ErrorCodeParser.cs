using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace CaaBot.Knowledge.Codes;

/// <summary>
/// Reads error codes the way users write them: <c>0xCAA20003</c>, <c>caa20003</c>, <c>CAA2 0003</c>,
/// <c>0x CAA2-0003</c>, <c>0xCAA2OOO3</c>, <c>-895352829</c>, <c>3399614467</c>,
/// <c>ERROR_ADAL_SERVER_ERROR_INVALID_GRANT</c>, <c>AADSTS50076</c>, <c>aadsts-50076</c>.
/// </summary>
/// <remarks>
/// Accepting is easy; the work is in not accepting. The rules, from most to least anchored:
/// <list type="bullet">
/// <item>A <c>0x</c> prefix followed by 8 hex digits is a code when it starts with 8 or C (<c>Ox</c> only before <c>CAA</c>).</item>
/// <item>A bare <c>CAA</c> plus 5 hex digits is a WAM code; no English word has that shape, so slips
/// (O for 0, l/I for 1) are forgiven, but a tail without any real digit must be one unbroken word of hex
/// letters or O (<c>CAAABCDE</c>), never <c>caab beef</c> or <c>CAAIlIlI</c>.</item>
/// <item><c>AADSTS</c> plus 5–7 digits (a space, hyphen or colon may sit between) is an Entra code.</item>
/// <item>A decimal number is only a code when its 32-bit value is in the 0xCAA range or is an HRESULT the
/// research lists: signed (<c>-895352829</c>) or unsigned (<c>3399614467</c>), 9–10 digits. The 0xCAA range
/// is 1/4096 of all 32-bit values, so a phone number, an order id or a year almost never lands in it by chance.</item>
/// <item>A bare 8-digit hex word without <c>0x</c> is only a code when it is a listed HRESULT (<c>80070005</c>),
/// because <c>cafebabe</c> or the first part of a GUID look exactly like one.</item>
/// <item>Known symbolic names (see <see cref="KnownErrorCodes"/>) match as whole words.</item>
/// </list>
/// Every match must stand alone: no letter, digit or underscore right before or after it, and no hex
/// character plus hyphen around it, which is how the groups of a GUID (correlation ids) are joined.
/// </remarks>
public static partial class ErrorCodeParser
{
    // Not preceded by a word character, nor by "x-" as inside a GUID.
    private const string Before = @"(?<![\p{L}\p{N}_]|[0-9A-Fa-f][-\u2010-\u2013])";

    // Not followed by a word character, nor by "-x" as inside a GUID; a trailing period is fine.
    private const string After = @"(?![\p{L}\p{N}_]|[-\u2010-\u2013][\p{L}\p{N}])";

    // What people put between digit groups: a space or two, or a hyphen/dash with optional spaces.
    private const string Sep = @"(?:[ \t\u00A0]{0,2}[-\u2010-\u2013][ \t\u00A0]{0,2}|[ \t\u00A0]{1,2})";

    // A hex digit, or the letter O typed for zero.
    private const string HexOrO = "[0-9A-Fa-fOo]";

    // After "CAA" also l and I typed for one: they are not hex digits, so the reading stays unambiguous.
    private const string WamDigit = "[0-9A-Fa-fOoIl]";

    // The only inner break allowed is at the 4-digit boundary ("CAA2 0003"), the way the code is read aloud.
    private const string WamTail = "(?<caa>(?i:caa))(?<w1>" + WamDigit + ")" + Sep + "?(?<w4>" + WamDigit + "{4})";

    // "0x" may be followed by a space or hyphen ("0x CAA2-0003"). "Ox" (letter O) is forgiven only glued to
    // "CAA", so neither the word "ox" nor a letters-only word like "oxcafebabe" can start a code.
    private const string PrefixedHex =
        "(?:0[xX]" + Sep + "?(?:" + WamTail + "|(?<h4a>" + HexOrO + "{4})" + Sep + "?(?<h4b>" + HexOrO + "{4}))|[Oo][xX]" + WamTail + ")";

    private static readonly char[] WrappingChars =
        ['"', '\'', '`', '(', ')', '[', ']', '{', '}', '<', '>', '\u201C', '\u201D', '\u2018', '\u2019', '.', ',', ';', ':', '!', '?'];

    /// <summary>
    /// Reads a message that should be exactly one code (an answer to "what is the error code?"), allowing
    /// surrounding whitespace, quotes, brackets and a trailing period. Besides every form <see cref="FindAll"/>
    /// accepts, a whole answer may also be an OAuth error string (<c>invalid_grant</c>) or the bare number of an
    /// Entra code the research lists (<c>50076</c>): alone, their meaning is clear; inside prose it is not.
    /// </summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ErrorCode? code)
    {
        code = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim().Trim(WrappingChars).Trim();
        if (trimmed.Length == 0)
        {
            return false;
        }

        var candidates = FindCandidates(trimmed);
        if (candidates.Count == 1 && candidates[0].Index == 0 && candidates[0].Length == trimmed.Length)
        {
            code = candidates[0].Code;
            return true;
        }

        if (candidates.Count == 0 && KnownErrorCodes.OAuthErrors.TryGetValue(trimmed, out code))
        {
            return true;
        }

        if (candidates.Count == 0
            && trimmed.Length is >= 5 and <= 7
            && trimmed.All(char.IsAsciiDigit)
            && KnownErrorCodes.AadstsNumbers.Contains(int.Parse(trimmed, CultureInfo.InvariantCulture)))
        {
            code = ErrorCode.FromAadsts(int.Parse(trimmed, CultureInfo.InvariantCulture));
            return true;
        }

        return false;
    }

    /// <summary>
    /// Finds every code in free text (a sentence, a pasted error dialog), in order of first appearance,
    /// each code once (the first time it is written), with its position.
    /// </summary>
    public static IReadOnlyList<ErrorCodeMatch> FindAll(string? message)
    {
        if (string.IsNullOrEmpty(message))
        {
            return [];
        }

        var seen = new HashSet<ErrorCode>();
        var result = new List<ErrorCodeMatch>();
        foreach (var match in FindCandidates(message))
        {
            if (seen.Add(match.Code))
            {
                result.Add(match);
            }
        }

        return result;
    }

    // All matches of all forms, overlaps resolved leftmost-longest, duplicates kept.
    private static List<ErrorCodeMatch> FindCandidates(string text)
    {
        var all = new List<ErrorCodeMatch>();
        Collect(text, PrefixedHexRegex(), ReadPrefixedHex, all);
        Collect(text, BareWamRegex(), ReadWam, all);
        Collect(text, AadstsRegex(), ReadAadsts, all);
        Collect(text, DecimalRegex(), ReadDecimal, all);
        Collect(text, BareHResultRegex(), ReadBareHResult, all);
        Collect(text, WordRegex(), ReadSymbolicName, all);

        all.Sort(static (a, b) => a.Index != b.Index ? a.Index.CompareTo(b.Index) : b.Length.CompareTo(a.Length));

        var kept = new List<ErrorCodeMatch>(all.Count);
        var end = 0;
        foreach (var match in all)
        {
            if (match.Index >= end)
            {
                kept.Add(match);
                end = match.Index + match.Length;
            }
        }

        return kept;
    }

    private static void Collect(string text, Regex regex, Func<Match, ErrorCode?> read, List<ErrorCodeMatch> into)
    {
        foreach (Match match in regex.Matches(text))
        {
            if (read(match) is { } code)
            {
                into.Add(new ErrorCodeMatch(code, match.Index, match.Length, match.Value));
            }
        }
    }

    private static ErrorCode? ReadPrefixedHex(Match match)
    {
        if (match.Groups["caa"].Success)
        {
            // The letter-O prefix "Ox" earns no more trust than no prefix.
            return ReadWamDigits(match, prefixed: match.Value[0] == '0');
        }

        var value = ParseHex(match.Groups["h4a"].Value + match.Groups["h4b"].Value);
        return ErrorCode.IsHexCodeValue(value) ? ErrorCode.FromValue(value) : null;
    }

    private static ErrorCode? ReadWam(Match match) => ReadWamDigits(match, prefixed: false);

    private static ErrorCode? ReadWamDigits(Match match, bool prefixed)
    {
        var digits = match.Groups["w1"].Value + match.Groups["w4"].Value;

        // Without the 0x prefix, a tail with no real digit may be a word: "CAAIlIlI" (slips) or "caab beef"
        // (split in two). Only an unsplit tail of genuine hex letters or O ("CAAABCDE") still counts.
        if (!prefixed && !digits.Any(char.IsAsciiDigit)
            && (digits.Any(static c => c is 'l' or 'I') || match.Length != "CAA".Length + digits.Length))
        {
            return null;
        }

        return ErrorCode.FromValue(ParseHex("CAA" + digits));
    }

    private static ErrorCode? ReadAadsts(Match match)
    {
        var digits = match.Groups["n"].Value;
        if (!digits.Any(char.IsAsciiDigit))
        {
            return null;
        }

        var number = int.Parse(FixSlips(digits), NumberStyles.None, CultureInfo.InvariantCulture);
        return number >= 1 ? ErrorCode.FromAadsts(number) : null;
    }

    // See the class remarks: only the 0xCAA range and listed HRESULTs turn a plain number into a code.
    private static ErrorCode? ReadDecimal(Match match)
    {
        var magnitude = ulong.Parse(match.Groups["d"].Value, NumberStyles.None, CultureInfo.InvariantCulture);
        uint value;
        if (match.Groups["sign"].Success)
        {
            if (magnitude == 0 || magnitude > 0x8000_0000UL)
            {
                return null;
            }

            value = unchecked((uint)(-(long)magnitude));
        }
        else
        {
            if (magnitude > uint.MaxValue)
            {
                return null;
            }

            value = (uint)magnitude;
        }

        return ErrorCode.IsWamValue(value) || KnownErrorCodes.HResults.Contains(value) ? ErrorCode.FromValue(value) : null;
    }

    private static ErrorCode? ReadBareHResult(Match match)
    {
        var value = ParseHex(match.Value);
        return KnownErrorCodes.HResults.Contains(value) ? ErrorCode.FromValue(value) : null;
    }

    private static ErrorCode? ReadSymbolicName(Match match) =>
        KnownErrorCodes.SymbolicNames.GetValueOrDefault(match.Value);

    private static uint ParseHex(string digits) =>
        uint.Parse(FixSlips(digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);

    private static string FixSlips(string digits) =>
        digits.Replace('O', '0').Replace('o', '0').Replace('I', '1').Replace('l', '1');

    [GeneratedRegex(Before + PrefixedHex + After, RegexOptions.CultureInvariant)]
    private static partial Regex PrefixedHexRegex();

    [GeneratedRegex(Before + WamTail + After, RegexOptions.CultureInvariant)]
    private static partial Regex BareWamRegex();

    [GeneratedRegex(Before + @"(?i:aadsts)[ \t\u00A0]{0,2}[-\u2010-\u2013:#]?[ \t\u00A0]{0,2}(?<n>[0-9Oo]{5,7})(?![\p{L}\p{N}_]|[.,][0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex AadstsRegex();

    // No sign after a word character ("abc-123…" is an id), no '+' (phones), no '.'/',' around (versions, amounts).
    [GeneratedRegex(@"(?<![\p{L}\p{N}_.,+]|[\p{L}\p{N}][-\u2212])(?<sign>[-\u2212])?(?<d>[0-9]{9,10})(?![\p{L}\p{N}_]|[.,][0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex DecimalRegex();

    [GeneratedRegex(Before + "[89Cc][0-9A-Fa-f]{7}" + After, RegexOptions.CultureInvariant)]
    private static partial Regex BareHResultRegex();

    [GeneratedRegex(@"(?<![\p{L}\p{N}_])[A-Za-z][A-Za-z0-9_]{3,}(?![\p{L}\p{N}_])", RegexOptions.CultureInvariant)]
    private static partial Regex WordRegex();
}
