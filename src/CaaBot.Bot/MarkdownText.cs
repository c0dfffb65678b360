using System.Text;

namespace CaaBot.Bot;

/// <summary>Makes text the user typed inert inside a markdown message (Teams and Web Chat render markdown).</summary>
public static class MarkdownText
{
    private const string Special = "\\`*_{}[]()<>#+-.!|~";

    public static string Escape(string userText)
    {
        ArgumentNullException.ThrowIfNull(userText);
        var escaped = new StringBuilder(userText.Length + 8);
        foreach (var character in userText)
        {
            if (Special.Contains(character, StringComparison.Ordinal))
            {
                escaped.Append('\\');
            }

            escaped.Append(character is '\r' or '\n' ? ' ' : character);
        }

        return escaped.ToString();
    }
}
