using System.Text;
using System.Text.Json.Nodes;

namespace CaaBot.Bot.Cards;

/// <summary>
/// Turns one playbook instruction (Markdown) into RichTextBlocks: <c>**bold**</c> becomes a bolder run, <c>`code`</c>
/// spans and fenced blocks become monospace runs. TextRuns never render markdown, so whatever else the text holds
/// (links, HTML, stray asterisks) is shown literally instead of being interpreted.
/// </summary>
internal static class InstructionMarkdown
{
    public static IReadOnlyList<JsonObject> ToBlocks(string instruction, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        var text = CardText.Trim(instruction.Replace("\r\n", "\n", StringComparison.Ordinal), maxLength);
        List<JsonObject> blocks = [];
        List<string> paragraph = [];
        List<string>? code = null;
        string? fence = null;

        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.Trim();
            if (code is not null)
            {
                if (fence is not null && line.Length >= fence.Length && line.All(c => c == fence[0]))
                {
                    blocks.Add(CodeBlock(code));
                    code = null;
                    fence = null;
                }
                else
                {
                    code.Add(rawLine.TrimEnd());
                }

                continue;
            }

            if (line.StartsWith("```", StringComparison.Ordinal) || line.StartsWith("~~~", StringComparison.Ordinal))
            {
                FlushParagraph(blocks, paragraph);
                fence = new string(line[0], line.TakeWhile(c => c == line[0]).Count());
                code = [];
            }
            else if (line.Length == 0)
            {
                FlushParagraph(blocks, paragraph);
            }
            else
            {
                paragraph.Add(line);
            }
        }

        if (code is not null)
        {
            // An unclosed fence (or one cut by trimming) still shows as code.
            blocks.Add(CodeBlock(code));
        }

        FlushParagraph(blocks, paragraph);
        return blocks;
    }

    private static void FlushParagraph(List<JsonObject> blocks, List<string> lines)
    {
        if (lines.Count > 0)
        {
            blocks.Add(CardNodes.RichText(InlineRuns(string.Join(' ', lines))));
            lines.Clear();
        }
    }

    private static JsonObject CodeBlock(List<string> lines)
    {
        var indent = lines.Where(l => l.Trim().Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
        var code = string.Join('\n', lines.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart())).Trim('\n');
        return CardNodes.Container([CardNodes.RichText([CardNodes.TextRun(code.Length == 0 ? " " : code, monospace: true)])], style: "emphasis");
    }

    private static IEnumerable<JsonNode> InlineRuns(string text)
    {
        List<JsonNode> runs = [];
        var current = new StringBuilder();
        var bold = false;

        void Flush()
        {
            if (current.Length > 0)
            {
                runs.Add(CardNodes.TextRun(current.ToString(), bold: bold));
                current.Clear();
            }
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length && (char.IsPunctuation(text[i + 1]) || char.IsSymbol(text[i + 1])))
            {
                current.Append(text[++i]);
            }
            else if (c == '`')
            {
                var ticks = CountRun(text, i, '`');
                var close = FindClosingTicks(text, i + ticks, ticks);
                if (close < 0)
                {
                    current.Append(text, i, ticks);
                    i += ticks - 1;
                    continue;
                }

                Flush();
                var span = text[(i + ticks)..close];
                runs.Add(CardNodes.TextRun(span.Length > 2 && span[0] == ' ' && span[^1] == ' ' ? span[1..^1] : span, bold: bold, monospace: true));
                i = close + ticks - 1;
            }
            else if (c == '*' && i + 1 < text.Length && text[i + 1] == '*' && (bold || text.IndexOf("**", i + 2, StringComparison.Ordinal) > 0))
            {
                Flush();
                bold = !bold;
                i++;
            }
            else
            {
                current.Append(c);
            }
        }

        Flush();
        return runs.Count > 0 ? runs : [CardNodes.TextRun(" ")];
    }

    private static int CountRun(string text, int start, char c)
    {
        var end = start;
        while (end < text.Length && text[end] == c)
        {
            end++;
        }

        return end - start;
    }

    private static int FindClosingTicks(string text, int from, int ticks)
    {
        for (var i = from; i < text.Length; i++)
        {
            if (text[i] == '`')
            {
                var run = CountRun(text, i, '`');
                if (run == ticks)
                {
                    return i;
                }

                i += run - 1;
            }
        }

        return -1;
    }
}
