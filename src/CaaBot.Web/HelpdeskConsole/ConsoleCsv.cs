namespace CaaBot.Web.HelpdeskConsole;

/// <summary>CSV cells (RFC 4180) for the console's exports, safe to open in a spreadsheet.</summary>
public static class ConsoleCsv
{
    /// <summary>One text cell: formula-safe, then quoted when it holds a separator, a quote, a line break or edge spaces.</summary>
    /// <remarks>A cell starting with = + - @ or a tab or carriage return gets a leading <c>'</c>, so a spreadsheet never runs it as a formula.</remarks>
    public static string Cell(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        if (text[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            text = "'" + text;
        }

        return text.AsSpan().IndexOfAny(",\"\r\n") >= 0 || text[0] == ' ' || text[^1] == ' '
            ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : text;
    }
}
