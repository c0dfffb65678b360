using System.Globalization;

namespace CaaBot.Helpdesk.BuiltIn;

/// <summary>
/// The built-in queue's ticket numbers: <c>CAA-000001</c>, <c>CAA-000002</c>… (six digits at least, more once the
/// queue passes 999,999). Parsing is forgiving of how people retype a number they were shown.
/// </summary>
public static class TicketNumber
{
    /// <summary>What every number starts with.</summary>
    public const string Prefix = "CAA-";

    /// <summary>The longest text <see cref="TryParse"/> looks at (after trimming); anything longer is not a number.</summary>
    private const int MaxParsedLength = 40;

    /// <summary>The canonical form of <paramref name="value"/>, e.g. <c>CAA-000042</c>.</summary>
    public static string Format(long value)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
        return Prefix + value.ToString("D6", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Reads a ticket number as a user might type it: case-insensitive, surrounding whitespace ignored, the
    /// <c>CAA</c> prefix optional (and separated by <c>-</c>, <c>#</c>, <c>:</c> or a space, or nothing), leading
    /// zeros optional, a lone <c>#</c> allowed: <c>CAA-000042</c>, <c>caa-42</c>, <c>caa 42</c>, <c>#42</c> and
    /// <c>42</c> are all 42. Never throws; false for null, empty, zero, overflow and anything else.
    /// </summary>
    public static bool TryParse(string? text, out long value)
    {
        value = 0;
        if (text is null)
        {
            return false;
        }

        var rest = text.AsSpan().Trim();
        if (rest.IsEmpty || rest.Length > MaxParsedLength)
        {
            return false;
        }

        if (rest.StartsWith("CAA", StringComparison.OrdinalIgnoreCase))
        {
            rest = rest[3..].TrimStart();
            if (!rest.IsEmpty && rest[0] is '-' or '#' or ':')
            {
                rest = rest[1..].TrimStart();
            }
        }
        else if (rest[0] == '#')
        {
            rest = rest[1..].TrimStart();
        }

        if (rest.IsEmpty || rest.ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        if (long.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed > 0)
        {
            value = parsed;
            return true;
        }

        return false;
    }
}
