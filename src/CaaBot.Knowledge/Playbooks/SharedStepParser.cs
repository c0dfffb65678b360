namespace CaaBot.Knowledge.Playbooks;

/// <summary>Parses <c>_shared/&lt;id&gt;.md</c>: front matter (title, platform, by, minutes) and a numbered list.</summary>
internal static class SharedStepParser
{
    private static readonly string[] AllowedKeys = ["title", "platform", "platforms", "by", "minutes"];

    public static SharedStep Parse(string id, string filePath, string text, DiagnosticBag diagnostics)
    {
        var lines = PlaybookParser.SplitLines(text);
        var frontMatter = FrontMatter.Read(lines, diagnostics);
        if (frontMatter is null)
        {
            return new SharedStep(id, filePath, text, null);
        }

        if (!PlaybookVocabulary.IsValidId(id))
        {
            diagnostics.Error(0, $"shared step file name '{id}' must be lower case letters and digits joined by '-', so playbooks can refer to it as '## Step: @<id>'");
        }

        var fields = new YamlFields(frontMatter.Root, AllowedKeys, "a shared step's front matter", 1, diagnostics);
        var title = fields.Text("title", required: true, "the step title the user sees");
        var platformKey = fields.Has("platforms") ? "platforms" : "platform";
        List<PlaybookPlatform> platforms = [];
        foreach (var (name, line) in fields.List(platformKey, required: false, minimum: 0, "list the platforms, or leave the key out") ?? [])
        {
            if (PlaybookVocabulary.TryParsePlatform(name, out var platform))
            {
                platforms.Add(platform);
            }
            else
            {
                diagnostics.Error(line, $"unknown platform '{name}': use {PlaybookVocabulary.PlatformNames}");
            }
        }

        var performer = StepPerformer.User;
        if (fields.Text("by", required: false, $"one of {PlaybookVocabulary.PerformerNames}") is (string by, int byLine)
            && !PlaybookVocabulary.TryParsePerformer(by, out performer))
        {
            diagnostics.Error(byLine, $"unknown performer 'by: {by}': use one of {PlaybookVocabulary.PerformerNames}");
        }

        int? minutes = null;
        if (fields.Text("minutes", required: false, "a whole number of minutes") is (string minutesText, int minutesLine))
        {
            if (int.TryParse(minutesText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed) && parsed > 0)
            {
                minutes = parsed;
            }
            else
            {
                diagnostics.Error(minutesLine, $"'minutes: {minutesText}' must be a whole number of minutes, e.g. 'minutes: 5'");
            }
        }

        var instructions = NumberedList.Read(frontMatter.Body, diagnostics);
        if (instructions.Count == 0)
        {
            diagnostics.Error(frontMatter.ClosingLine, "shared step has no numbered instructions: write them after the front matter as '1. …', one per line");
        }

        if (diagnostics.HasErrors || title is null)
        {
            return new SharedStep(id, filePath, text, null);
        }

        var step = new PlaybookStep(
            id,
            title.Value.Value,
            [.. platforms.Distinct()],
            performer,
            minutes,
            [.. instructions.Select(i => i.Text)],
            SharedStepId: id,
            SourceLine: 1);
        return new SharedStep(id, filePath, text, step);
    }
}
