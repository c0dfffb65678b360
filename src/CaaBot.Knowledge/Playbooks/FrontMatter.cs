using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CaaBot.Knowledge.Playbooks;

/// <summary>
/// The YAML block between the opening and closing <c>---</c> lines, parsed into a node tree that keeps
/// positions (a typed deserializer would lose them, and would read <c>0xCAA20003</c> as a number).
/// </summary>
internal sealed class FrontMatter
{
    private FrontMatter(YamlMappingNode root, int closingLine, IReadOnlyList<SourceLine> body)
    {
        Root = root;
        ClosingLine = closingLine;
        Body = body;
    }

    public YamlMappingNode Root { get; }

    /// <summary>The 1-based line of the closing <c>---</c>.</summary>
    public int ClosingLine { get; }

    /// <summary>Everything after the closing line.</summary>
    public IReadOnlyList<SourceLine> Body { get; }

    /// <summary>YAML reports lines of the block; the block starts on file line 2.</summary>
    public static int FileLine(YamlNode node) => (int)node.Start.Line + 1;

    public static FrontMatter? Read(IReadOnlyList<SourceLine> lines, DiagnosticBag diagnostics)
    {
        if (lines.Count == 0 || lines[0].Text.TrimEnd() != "---")
        {
            diagnostics.Error(1, "missing front matter: the file must start with a '---' line, then the YAML keys, then a closing '---' line");
            return null;
        }

        var closing = -1;
        for (var i = 1; i < lines.Count; i++)
        {
            var text = lines[i].Text.TrimEnd();
            if (text is "---" or "...")
            {
                closing = i;
                break;
            }
        }

        if (closing < 0)
        {
            diagnostics.Error(1, "front matter is not closed: add a '---' line after the last YAML key");
            return null;
        }

        var yaml = string.Join('\n', lines.Skip(1).Take(closing - 1).Select(l => l.Text));
        var closingLine = lines[closing].Number;
        var body = lines.Skip(closing + 1).ToArray();
        YamlStream stream = [];
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            var line = Math.Clamp((int)ex.Start.Line + 1, 2, Math.Max(2, closingLine - 1));
            diagnostics.Error(line, $"front matter is not valid YAML: {YamlMessage(ex)}");
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet gives up without a position on some unterminated flow collections ("[a, b").
            diagnostics.Error(1, "front matter is not valid YAML: check for an unclosed '[' or '{'");
            return null;
        }

        if (stream.Documents.Count == 0)
        {
            diagnostics.Error(1, "front matter is empty: add the keys 'title', 'summary', 'platforms', 'symptoms', 'escalation' and 'sources'");
            return null;
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            diagnostics.Error(FileLine(stream.Documents[0].RootNode), "front matter must be a set of 'key: value' lines");
            return null;
        }

        return new FrontMatter(root, closingLine, body);
    }

    private static string YamlMessage(YamlException ex)
    {
        // YamlDotNet prefixes positions ("(Line: 3, Col: 5, ...): "); the diagnostic already carries the line.
        var message = ex.Message;
        var cut = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith('(') && cut > 0 ? message[(cut + 3)..] : message;
    }
}
