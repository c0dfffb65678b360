using System.Globalization;

namespace CaaBot.Bot.Cards;

/// <summary>Text going into a card: trimmed to a length budget and, for TextBlocks (which render markdown), escaped.</summary>
internal static class CardText
{
    public const string Ellipsis = "…";

    /// <summary>Trims to at most <paramref name="maxLength"/> characters without splitting an emoji or accent, adding an ellipsis.</summary>
    public static string Trim(string text, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= maxLength)
        {
            return text;
        }

        var cut = 0;
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext() && elements.ElementIndex + elements.GetTextElement().Length <= maxLength - Ellipsis.Length)
        {
            cut = elements.ElementIndex + elements.GetTextElement().Length;
        }

        return string.Concat(text.AsSpan(0, cut).TrimEnd(), Ellipsis);
    }

    /// <summary>For a TextBlock: trimmed first (so an escape is never cut in half), then markdown-escaped.</summary>
    public static string Inert(string text, int maxLength) => MarkdownText.Escape(Trim(text, maxLength));
}
