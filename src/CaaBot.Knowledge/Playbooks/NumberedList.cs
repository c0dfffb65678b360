using System.Text;
using System.Text.RegularExpressions;

namespace CaaBot.Knowledge.Playbooks;

/// <summary>
/// Reads the top-level numbered list of a step: one instruction per item, Markdown kept as written
/// (backticks, bold, nested fenced blocks), continuation lines de-indented to the item's content column.
/// A line-based reader rather than a full Markdown parser, so every item keeps its exact source line.
/// </summary>
internal static partial class NumberedList
{
    public static IReadOnlyList<(string Text, int Line)> Read(IReadOnlyList<SourceLine> lines, DiagnosticBag diagnostics)
    {
        List<(string, int)> items = [];
        StringBuilder? current = null;
        var currentLine = 0;
        var contentIndent = 0;
        var pendingBlanks = 0;
        string? fence = null;
        string? topLevelFence = null;

        void Close()
        {
            if (current is null)
            {
                return;
            }

            var text = current.ToString().TrimEnd();
            if (text.Length == 0)
            {
                diagnostics.Error(currentLine, "empty instruction: write the instruction after the number, e.g. '1. Quit Teams.'");
            }
            else
            {
                items.Add((text, currentLine));
            }

            current = null;
            fence = null;
        }

        foreach (var line in lines)
        {
            var text = ExpandTabs(line.Text);
            if (current is not null && fence is not null)
            {
                current.Append('\n').Append(Dedent(text, contentIndent));
                if (IsFenceClose(text, fence))
                {
                    fence = null;
                }

                continue;
            }

            if (topLevelFence is not null)
            {
                // A fenced block outside any item (an example for KB readers) must not start items.
                if (IsFenceClose(text, topLevelFence))
                {
                    topLevelFence = null;
                }

                continue;
            }

            var item = ItemPattern().Match(text);
            var indent = text.Length - text.TrimStart(' ').Length;
            if (item.Success && !(current is not null && indent >= contentIndent))
            {
                Close();
                var marker = item.Groups["indent"].Length + item.Groups["number"].Length + 1;
                var gap = item.Groups["gap"].Length;
                contentIndent = marker + (gap is 0 or > 4 ? 1 : gap);
                current = new StringBuilder(item.Groups["text"].Value.Trim());
                currentLine = line.Number;
                pendingBlanks = 0;
                fence = FenceOpening(item.Groups["text"].Value);
                continue;
            }

            if (line.IsBlank)
            {
                pendingBlanks++;
                continue;
            }

            // Indented lines (including a nested list) belong to the item above them.
            if (current is not null && indent >= Math.Min(contentIndent, 2))
            {
                current.Append('\n', pendingBlanks > 0 ? 2 : 1).Append(Dedent(text, contentIndent));
                fence = FenceOpening(text);
                pendingBlanks = 0;
                continue;
            }

            if (current is not null && pendingBlanks == 0 && !StartsBlock(text))
            {
                // CommonMark's lazy continuation: an unindented line right after the item's text.
                current.Append('\n').Append(text.Trim());
                continue;
            }

            Close();
            pendingBlanks = 0;
            topLevelFence = FenceOpening(text);
        }

        Close();
        return items;
    }

    private static string ExpandTabs(string text)
    {
        var leading = text.Length - text.TrimStart(' ', '\t').Length;
        return leading == 0 || !text[..leading].Contains('\t', StringComparison.Ordinal)
            ? text
            : text[..leading].Replace("\t", "    ", StringComparison.Ordinal) + text[leading..];
    }

    private static string Dedent(string text, int indent)
    {
        var available = text.Length - text.TrimStart(' ').Length;
        return text[Math.Min(available, indent)..].TrimEnd();
    }

    private static string? FenceOpening(string text)
    {
        var trimmed = text.TrimStart();
        if (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal))
        {
            var marker = trimmed[0];
            var length = trimmed.Length - trimmed.TrimStart(marker).Length;
            return new string(marker, length);
        }

        return null;
    }

    private static bool IsFenceClose(string text, string fence)
    {
        var trimmed = text.Trim();
        return trimmed.Length >= fence.Length && trimmed.All(c => c == fence[0]);
    }

    private static bool StartsBlock(string text)
    {
        var trimmed = text.TrimStart();
        return trimmed.StartsWith('#') || trimmed.StartsWith('>') || trimmed.StartsWith("- ", StringComparison.Ordinal)
            || trimmed.StartsWith("* ", StringComparison.Ordinal) || FenceOpening(trimmed) is not null;
    }

    [GeneratedRegex(@"^(?<indent> {0,3})(?<number>[0-9]{1,3})[.)](?:(?<gap> +)(?<text>.*))?$", RegexOptions.CultureInvariant)]
    private static partial Regex ItemPattern();
}
