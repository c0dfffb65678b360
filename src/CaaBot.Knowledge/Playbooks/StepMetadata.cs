namespace CaaBot.Knowledge.Playbooks;

/// <summary>What a step's <c>&gt; platform: … · by: … · minutes: … · id: …</c> line says; nulls mean "not given".</summary>
internal sealed record StepMetadata(IReadOnlyList<PlaybookPlatform>? Platforms, StepPerformer? PerformedBy, int? Minutes, string? Id)
{
    public static readonly StepMetadata None = new(null, null, null, null);

    private const string Example = "e.g. '> platform: windows · by: user · minutes: 2'";

    public static StepMetadata Parse(SourceLine line, DiagnosticBag diagnostics)
    {
        var content = line.Text.TrimStart()[1..].Trim();
        if (content.Length == 0)
        {
            diagnostics.Error(line.Number, $"malformed metadata line: it is empty; write 'key: value' pairs separated by '·', {Example}");
            return None;
        }

        IReadOnlyList<PlaybookPlatform>? platforms = null;
        StepPerformer? performer = null;
        int? minutes = null;
        string? id = null;
        HashSet<string> seen = new(StringComparer.Ordinal);
        foreach (var rawPart in content.Split(['·', '|']))
        {
            var part = rawPart.Trim();
            if (part.Length == 0)
            {
                continue;
            }

            var colon = part.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                diagnostics.Error(line.Number, $"malformed metadata '{part}': write 'key: value' pairs separated by '·', {Example}");
                continue;
            }

            var key = part[..colon].Trim().ToLowerInvariant();
            var value = part[(colon + 1)..].Trim();
            if (!seen.Add(key is "platforms" ? "platform" : key))
            {
                diagnostics.Warning(line.Number, $"metadata '{key}' is given twice; the last one wins");
            }

            switch (key)
            {
                case "platform" or "platforms":
                    platforms = ParsePlatforms(value, line.Number, diagnostics);
                    break;
                case "by":
                    if (PlaybookVocabulary.TryParsePerformer(value, out var parsedPerformer))
                    {
                        performer = parsedPerformer;
                    }
                    else
                    {
                        diagnostics.Error(line.Number, $"unknown performer 'by: {value}': use one of {PlaybookVocabulary.PerformerNames}");
                    }

                    break;
                case "minutes":
                    if (int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsedMinutes)
                        && parsedMinutes is > 0 and <= 24 * 60)
                    {
                        minutes = parsedMinutes;
                    }
                    else
                    {
                        diagnostics.Error(line.Number, $"'minutes: {value}' must be a whole number of minutes, e.g. 'minutes: 5'");
                    }

                    break;
                case "id":
                    if (PlaybookVocabulary.IsValidId(value))
                    {
                        id = value;
                    }
                    else
                    {
                        diagnostics.Error(line.Number, $"step 'id: {value}' must be lower case letters and digits joined by '-', e.g. 'id: clear-cache'");
                    }

                    break;
                default:
                    diagnostics.Warning(line.Number, $"unknown metadata '{key}' is ignored (known: platform, by, minutes, id)");
                    break;
            }
        }

        return new StepMetadata(platforms, performer, minutes, id);
    }

    private static PlaybookPlatform[]? ParsePlatforms(string value, int lineNumber, DiagnosticBag diagnostics)
    {
        List<PlaybookPlatform> platforms = [];
        foreach (var name in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
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
                diagnostics.Error(lineNumber, $"unknown platform '{name}': use {PlaybookVocabulary.PlatformNames} (omit 'platform' for a step that applies everywhere)");
            }
        }

        if (platforms.Count == 0 && !value.Split(',').Any(n => !string.IsNullOrWhiteSpace(n)))
        {
            diagnostics.Error(lineNumber, "'platform:' has no value: name one or more platforms separated by ',', or leave the key out");
        }

        return [.. platforms];
    }
}
