using System.Text;
using CaaBot.Helpdesk.Connectors.Http;

namespace CaaBot.Helpdesk.Connectors.Jira;

/// <summary>
/// Makes text inert in Jira wiki markup, which the service desk API renders a request's description with: values get
/// a backslash before every markup character (<c>*bold*</c>, <c>[link|…]</c>, <c>{macro}</c>, <c>!image!</c>…), and
/// what the user typed goes into a <c>{noformat}</c> block, inside which a typed <c>{noformat}</c> is broken up so it
/// cannot close the block.
/// </summary>
internal static class JiraWikiMarkup
{
    private const string Special = "\\*_-+^~{}[]|!#?";

    public static TextMarkup Markup { get; } = new(Inline, Block, Link);

    public static string Inline(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text.ReplaceLineEndings(" "))
        {
            if (Special.Contains(c, StringComparison.Ordinal))
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }

    public static string Block(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var inert = text.Replace("{noformat", "{ noformat", StringComparison.OrdinalIgnoreCase);
        return "{noformat}\n" + inert + "\n{noformat}";
    }

    /// <summary>A bracketed link; characters that would end it are percent-encoded (the address is already http(s)).</summary>
    public static string Link(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var safe = url.Replace("[", "%5B", StringComparison.Ordinal).Replace("]", "%5D", StringComparison.Ordinal)
            .Replace("|", "%7C", StringComparison.Ordinal).Replace(" ", "%20", StringComparison.Ordinal)
            .Replace("{", "%7B", StringComparison.Ordinal).Replace("}", "%7D", StringComparison.Ordinal);
        return "[" + safe + "]";
    }
}
