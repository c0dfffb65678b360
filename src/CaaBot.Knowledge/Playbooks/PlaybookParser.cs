using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace CaaBot.Knowledge.Playbooks;

/// <summary>
/// Parses one playbook file. Every problem goes to the file's <see cref="DiagnosticBag"/>; the playbook
/// is returned only when the file has no errors.
/// </summary>
internal static partial class PlaybookParser
{
    private static readonly string[] AllowedKeys = ["code", "aliases", "title", "summary", "platforms", "symptoms", "escalation", "sources", "checks"];
    private static readonly string[] EscalationKeys = ["group", "priority", "when"];
    private static readonly string[] SourceKeys = ["title", "url"];

    public static IReadOnlyList<SourceLine> SplitLines(string text)
    {
        var lines = text.TrimStart('\uFEFF').Split('\n');
        return [.. lines.Select((line, index) => new SourceLine(index + 1, line.TrimEnd('\r')))];
    }

    public static ParsedPlaybook? Parse(
        string id,
        string filePath,
        string text,
        IReadOnlyDictionary<string, SharedStep> sharedSteps,
        DiagnosticBag diagnostics)
    {
        var frontMatter = FrontMatter.Read(SplitLines(text), diagnostics);
        if (frontMatter is null)
        {
            return null;
        }

        var fields = new YamlFields(frontMatter.Root, AllowedKeys, "the front matter", 1, diagnostics);
        List<(string Name, int Line, bool IsCode)> names = [];
        string? code = null;
        if (fields.Text("code", required: false, "the primary code, e.g. 0xCAA20003; leave the key out for a symptom family") is (string codeText, int codeLine))
        {
            if (PlaybookVocabulary.IsValidCode(codeText))
            {
                code = codeText;
                names.Add((codeText, codeLine, true));
            }
            else
            {
                diagnostics.Error(codeLine, $"'code: {codeText}' is not a recognised code: use 0xCAA and 5 hex digits (0xCAA20003), an 0x8… HRESULT with 8 hex digits, or AADSTS and digits (AADSTS50076)");
            }
        }

        List<string> aliases = [];
        foreach (var (alias, line) in fields.List("aliases", required: false, minimum: 0, "other names of the code") ?? [])
        {
            if (names.Any(n => string.Equals(n.Name, alias, StringComparison.OrdinalIgnoreCase)))
            {
                diagnostics.Warning(line, $"alias '{alias}' repeats the code or another alias of this playbook");
                continue;
            }

            aliases.Add(alias);
            names.Add((alias, line, false));
        }

        var title = fields.Text("title", required: true, "the heading users and KB readers see");
        var summary = fields.Text("summary", required: true, "one or two plain sentences in the user's terms");
        var platforms = ReadPlatforms(fields, diagnostics);
        var symptoms = ReadSymptoms(fields, diagnostics);
        var escalation = ReadEscalation(fields, diagnostics);
        var sources = ReadSources(fields, diagnostics);
        var checks = ReadChecks(fields, diagnostics);

        var (introduction, sections) = SplitBody(frontMatter.Body, diagnostics);
        var steps = ReadSteps(sections, sharedSteps, diagnostics, out var usedShared);
        if (sections.Count == 0)
        {
            diagnostics.Error(frontMatter.ClosingLine, "the playbook has no steps: add at least one '## Step: <title>' section after the front matter");
        }

        CheckPlatformCoverage(platforms, steps, fields.KeyLine("platforms"), diagnostics);

        if (diagnostics.HasErrors || title is null || summary is null || platforms is null || symptoms is null || escalation is null || sources is null)
        {
            return null;
        }

        var playbook = new Playbook(
            id,
            code,
            aliases,
            title.Value.Value,
            summary.Value.Value,
            introduction,
            platforms,
            symptoms,
            escalation,
            sources,
            steps,
            filePath)
        {
            Revision = Revision(text, usedShared),
            Checks = checks,
        };
        return new ParsedPlaybook(playbook, names);
    }

    private static PlaybookCheck[] ReadChecks(YamlFields fields, DiagnosticBag diagnostics)
    {
        List<PlaybookCheck> checks = [];
        foreach (var (name, line) in fields.List("checks", required: false, minimum: 0, $"automatic checks the bot runs before step 1: {PlaybookVocabulary.CheckNames}") ?? [])
        {
            if (!PlaybookVocabulary.TryParseCheck(name, out var check))
            {
                diagnostics.Error(line, $"'{name}' is not a check the bot knows: use {PlaybookVocabulary.CheckNames}");
            }
            else if (!checks.Contains(check))
            {
                checks.Add(check);
            }
        }

        return [.. checks];
    }

    private static PlaybookPlatform[]? ReadPlatforms(YamlFields fields, DiagnosticBag diagnostics)
    {
        var items = fields.List("platforms", required: true, minimum: 1, $"any of {PlaybookVocabulary.PlatformNames}");
        if (items is null)
        {
            return null;
        }

        List<PlaybookPlatform> platforms = [];
        var ok = true;
        foreach (var (name, line) in items)
        {
            if (PlaybookVocabulary.TryParsePlatform(name, out var platform))
            {
                if (!platforms.Contains(platform))
                {
                    platforms.Add(platform);
                }
            }
            else
            {
                diagnostics.Error(line, $"unknown platform '{name}': use {PlaybookVocabulary.PlatformNames}");
                ok = false;
            }
        }

        return ok ? [.. platforms] : null;
    }

    private static string[]? ReadSymptoms(YamlFields fields, DiagnosticBag diagnostics)
    {
        var items = fields.List("symptoms", required: true, minimum: 3, "list at least 3 ways users describe the problem, in their words");
        if (items is null)
        {
            return null;
        }

        List<string> symptoms = [];
        foreach (var (phrase, line) in items)
        {
            if (symptoms.Contains(phrase, StringComparer.OrdinalIgnoreCase))
            {
                diagnostics.Warning(line, $"symptom '{phrase}' is listed twice");
                continue;
            }

            if (!string.Equals(phrase, phrase.ToLowerInvariant(), StringComparison.Ordinal))
            {
                diagnostics.Warning(line, $"symptom '{phrase}' should be lower case, as a user would type it");
            }

            symptoms.Add(phrase);
        }

        return [.. symptoms];
    }

    private static PlaybookEscalation? ReadEscalation(YamlFields fields, DiagnosticBag diagnostics)
    {
        var mapping = fields.Mapping("escalation", required: true, "'group' (helpdesk group) and 'when' (when to hand over)");
        if (mapping is null)
        {
            return null;
        }

        var escalation = new YamlFields(mapping, EscalationKeys, "'escalation'", fields.KeyLine("escalation"), diagnostics);
        var groupNames = string.Join(", ", PlaybookVocabulary.EscalationGroups);
        var group = escalation.Text("group", required: true, $"one of {groupNames}");
        var ok = group is not null;
        if (group is (string groupText, int groupLine) && !PlaybookVocabulary.EscalationGroups.Contains(groupText))
        {
            diagnostics.Error(groupLine, $"unknown escalation group '{groupText}': use one of {groupNames}");
            ok = false;
        }

        var priority = "normal";
        if (escalation.Text("priority", required: false, "low, normal or high") is (string priorityText, int priorityLine))
        {
            if (PlaybookVocabulary.Priorities.Contains(priorityText))
            {
                priority = priorityText;
            }
            else
            {
                diagnostics.Error(priorityLine, $"unknown escalation priority '{priorityText}': use low, normal or high");
                ok = false;
            }
        }

        var when = escalation.List("when", required: true, minimum: 1, "say when to hand over rather than keep trying");
        return ok && when is not null ? new PlaybookEscalation(group!.Value.Value, priority, [.. when.Select(w => w.Value)]) : null;
    }

    private static PlaybookSource[]? ReadSources(YamlFields fields, DiagnosticBag diagnostics)
    {
        const string hint = "list at least one '- title: …' / 'url: …' pair saying where the facts come from";
        if (!fields.Has("sources"))
        {
            diagnostics.Error(fields.Line, $"missing required key 'sources': {hint}");
            return null;
        }

        if (fields.Node("sources") is not YamlSequenceNode { Children.Count: > 0 } sequence)
        {
            diagnostics.Error(fields.KeyLine("sources"), $"'sources' needs at least 1 item: {hint}");
            return null;
        }

        List<PlaybookSource> sources = [];
        var ok = true;
        foreach (var item in sequence.Children)
        {
            var line = FrontMatter.FileLine(item);
            if (item is not YamlMappingNode mapping)
            {
                diagnostics.Error(line, "each source must have 'title' and 'url' keys");
                ok = false;
                continue;
            }

            var source = new YamlFields(mapping, SourceKeys, "a source", line, diagnostics);
            var title = source.Text("title", required: true, "the name of the page or document");
            var url = source.Text("url", required: true, "the address of the page");
            if (url is (string urlText, int urlLine)
                && !(Uri.TryCreate(urlText, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && uri.Host.Length > 0))
            {
                diagnostics.Error(urlLine, $"bad URL '{urlText}': use a full http:// or https:// address");
                ok = false;
                continue;
            }

            if (title is null || url is null)
            {
                ok = false;
                continue;
            }

            sources.Add(new PlaybookSource(title.Value.Value, new Uri(url.Value.Value, UriKind.Absolute)));
        }

        return ok ? [.. sources] : null;
    }

    /// <summary>Splits the body into the introduction and one section per <c>## Step:</c> heading.</summary>
    private static (string Introduction, List<(SourceLine Heading, string Title, List<SourceLine> Lines)> Sections) SplitBody(
        IReadOnlyList<SourceLine> body,
        DiagnosticBag diagnostics)
    {
        List<string> introduction = [];
        List<(SourceLine, string, List<SourceLine>)> sections = [];
        List<SourceLine>? current = null;
        var seenTitle = false;
        string? fence = null;
        foreach (var line in body)
        {
            var trimmed = line.Text.TrimStart();
            if (fence is not null || trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal))
            {
                // Headings inside fenced blocks are code, not structure.
                if (fence is null)
                {
                    fence = trimmed[..(trimmed.Length - trimmed.TrimStart(trimmed[0]).Length)];
                }
                else if (trimmed.TrimEnd().Length >= fence.Length && trimmed.TrimEnd().All(c => c == fence[0]))
                {
                    fence = null;
                }

                Append(line);
                continue;
            }

            var step = StepHeading().Match(line.Text);
            if (step.Success)
            {
                current = [];
                sections.Add((line, step.Groups["title"].Value.Trim(), current));
                continue;
            }

            if (AlmostStepHeading().IsMatch(line.Text))
            {
                diagnostics.Warning(line.Number, "this heading looks like a step but is not read as one: write '## Step: <title>'");
            }

            if (OtherHeading().IsMatch(line.Text))
            {
                if (!seenTitle && current is null && line.Text.StartsWith("# ", StringComparison.Ordinal))
                {
                    // The H1 repeats the title for KB readers; the bot shows 'title' instead.
                    seenTitle = true;
                    continue;
                }

                if (current is not null)
                {
                    // Another section after the steps (e.g. "## When to call the helpdesk") is for KB readers.
                    current = null;
                    fence = null;
                    continue;
                }
            }

            Append(line);
        }

        return (string.Join('\n', introduction).Trim(), sections);

        void Append(SourceLine line)
        {
            if (current is not null)
            {
                current.Add(line);
            }
            else if (sections.Count == 0)
            {
                introduction.Add(line.Text.TrimEnd());
            }
        }
    }

    private static List<PlaybookStep> ReadSteps(
        List<(SourceLine Heading, string Title, List<SourceLine> Lines)> sections,
        IReadOnlyDictionary<string, SharedStep> sharedSteps,
        DiagnosticBag diagnostics,
        out List<SharedStep> usedShared)
    {
        List<PlaybookStep> steps = [];
        usedShared = [];
        Dictionary<string, int> idLines = new(StringComparer.Ordinal);
        foreach (var (heading, title, lines) in sections)
        {
            var step = title.StartsWith('@')
                ? ReadSharedReference(heading, title[1..].Trim(), lines, sharedSteps, diagnostics, usedShared)
                : ReadStep(heading, title, lines, diagnostics);
            if (step is null)
            {
                continue;
            }

            if (idLines.TryGetValue(step.Id, out var firstLine))
            {
                diagnostics.Error(heading.Number, $"duplicate step id '{step.Id}' (the step on line {firstLine} has it too): give one of them its own 'id:' in the metadata line");
                continue;
            }

            idLines[step.Id] = heading.Number;
            steps.Add(step);
        }

        return steps;
    }

    private static PlaybookStep? ReadSharedReference(
        SourceLine heading,
        string sharedId,
        List<SourceLine> lines,
        IReadOnlyDictionary<string, SharedStep> sharedSteps,
        DiagnosticBag diagnostics,
        List<SharedStep> usedShared)
    {
        if (lines.FirstOrDefault(l => !l.IsBlank) is { Number: > 0 } extra)
        {
            diagnostics.Warning(extra.Number, $"text under '## Step: @{sharedId}' is ignored: the step comes from _shared/{sharedId}.md");
        }

        if (!sharedSteps.TryGetValue(sharedId, out var shared))
        {
            diagnostics.Error(heading.Number, $"unknown shared step '@{sharedId}': there is no _shared/{sharedId}.md");
            return null;
        }

        if (shared.Step is null)
        {
            diagnostics.Error(heading.Number, $"shared step '@{sharedId}' has errors: fix _shared/{sharedId}.md");
            return null;
        }

        usedShared.Add(shared);
        return shared.Step with { SourceLine = heading.Number };
    }

    private static PlaybookStep? ReadStep(SourceLine heading, string title, List<SourceLine> lines, DiagnosticBag diagnostics)
    {
        if (title.Length == 0)
        {
            diagnostics.Error(heading.Number, "step heading has no title: write '## Step: <title>' or '## Step: @<shared-id>'");
            return null;
        }

        var content = lines.SkipWhile(l => l.IsBlank).ToList();
        var metadata = StepMetadata.None;
        if (content.Count > 0 && content[0].Text.TrimStart().StartsWith('>'))
        {
            metadata = StepMetadata.Parse(content[0], diagnostics);
            content.RemoveAt(0);
        }

        if (content.All(l => l.IsBlank))
        {
            diagnostics.Error(heading.Number, $"step '{title}' is empty: add its instructions as a numbered list ('1. …')");
            return null;
        }

        var instructions = NumberedList.Read(content, diagnostics);
        if (instructions.Count == 0)
        {
            diagnostics.Error(heading.Number, $"step '{title}' has no numbered instructions: write one instruction per item as '1. …', '2. …'");
            return null;
        }

        var id = metadata.Id ?? PlaybookVocabulary.Slug(title);
        if (id.Length == 0)
        {
            diagnostics.Error(heading.Number, $"step '{title}' needs an 'id:' in its metadata line (its title has no letters or digits to make one from)");
            return null;
        }

        return new PlaybookStep(
            id,
            title,
            metadata.Platforms ?? [],
            metadata.PerformedBy ?? StepPerformer.User,
            metadata.Minutes,
            [.. instructions.Select(i => i.Text)],
            SharedStepId: null,
            SourceLine: heading.Number);
    }

    private static void CheckPlatformCoverage(PlaybookPlatform[]? platforms, List<PlaybookStep> steps, int platformsLine, DiagnosticBag diagnostics)
    {
        if (platforms is null || steps.Count == 0)
        {
            return;
        }

        foreach (var step in steps)
        {
            var foreign = step.Platforms.Where(p => !platforms.Contains(p)).ToList();
            if (foreign.Count > 0 && foreign.Count == step.Platforms.Count)
            {
                diagnostics.Warning(step.SourceLine, $"step '{step.Title}' applies only to {Names(foreign)}, which the playbook's 'platforms' does not list: no user will see it");
            }
        }

        foreach (var platform in platforms.Where(p => !steps.Any(s => s.Platforms.Count == 0 || s.Platforms.Contains(p))))
        {
            diagnostics.Warning(platformsLine, $"no step applies to {Names([platform])}: add a step for it or remove it from 'platforms'");
        }

        static string Names(IEnumerable<PlaybookPlatform> platforms) => string.Join(", ", platforms.Select(p => p.ToString().ToLowerInvariant()));
    }

    /// <summary>Changes whenever the file or one of the shared steps it uses changes.</summary>
    private static string Revision(string text, List<SharedStep> usedShared)
    {
        var builder = new StringBuilder(text);
        foreach (var shared in usedShared)
        {
            builder.Append('\0').Append(shared.Id).Append('\0').Append(shared.Text);
        }

        var hash = System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(builder.ToString()));
        return Convert.ToHexStringLower(hash.AsSpan(0, 8));
    }

    [GeneratedRegex(@"^##[ \t]+Step[ \t]*:(?<title>.*?)[ \t#]*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex StepHeading();

    [GeneratedRegex(@"^##[ \t]+Step\b(?![ \t]*:)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex AlmostStepHeading();

    [GeneratedRegex(@"^#{1,2}[ \t]", RegexOptions.CultureInvariant)]
    private static partial Regex OtherHeading();
}
