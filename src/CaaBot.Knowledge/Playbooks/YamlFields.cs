using YamlDotNet.RepresentationModel;

namespace CaaBot.Knowledge.Playbooks;

/// <summary>
/// The keys of one YAML mapping, checked against the keys a format allows; typed reads report wrong
/// shapes at the value's line.
/// </summary>
internal sealed class YamlFields
{
    private readonly Dictionary<string, (YamlNode Key, YamlNode Value)> _fields = new(StringComparer.Ordinal);
    private readonly DiagnosticBag _diagnostics;

    public YamlFields(YamlMappingNode mapping, IReadOnlyCollection<string> allowedKeys, string context, int line, DiagnosticBag diagnostics)
    {
        _diagnostics = diagnostics;
        Line = line;
        foreach (var (key, value) in mapping.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? string.Empty;
            if (!allowedKeys.Contains(name))
            {
                diagnostics.Warning(FrontMatter.FileLine(key), $"unknown key '{name}' in {context} is ignored (known keys: {string.Join(", ", allowedKeys)})");
                continue;
            }

            _fields[name] = (key, value);
        }
    }

    /// <summary>Where a missing key is reported: the opening '---' for the front matter, the parent key for a nested mapping.</summary>
    public int Line { get; }

    public bool Has(string key) => _fields.ContainsKey(key);

    public int KeyLine(string key) => _fields.TryGetValue(key, out var field) ? FrontMatter.FileLine(field.Key) : Line;

    public YamlNode? Node(string key) => _fields.TryGetValue(key, out var field) ? field.Value : null;

    /// <summary>A text value; reports a missing or empty required value.</summary>
    public (string Value, int Line)? Text(string key, bool required, string missingHint)
    {
        if (!_fields.TryGetValue(key, out var field))
        {
            if (required)
            {
                _diagnostics.Error(Line, $"missing required key '{key}': {missingHint}");
            }

            return null;
        }

        var line = FrontMatter.FileLine(field.Key);
        if (field.Value is not YamlScalarNode scalar)
        {
            _diagnostics.Error(line, $"'{key}' must be a single text value, not a list or a mapping");
            return null;
        }

        var value = ScalarText(scalar);
        if (string.IsNullOrWhiteSpace(value))
        {
            _diagnostics.Error(line, $"'{key}' is empty: {missingHint}");
            return null;
        }

        return (value.Trim(), line);
    }

    /// <summary>A list of text values (a single value counts as a list of one); null when missing or malformed.</summary>
    public IReadOnlyList<(string Value, int Line)>? List(string key, bool required, int minimum, string missingHint)
    {
        if (!_fields.TryGetValue(key, out var field))
        {
            if (required)
            {
                _diagnostics.Error(Line, $"missing required key '{key}': {missingHint}");
            }

            return null;
        }

        var keyLine = FrontMatter.FileLine(field.Key);
        List<(string, int)> items = [];
        switch (field.Value)
        {
            case YamlScalarNode scalar when ScalarText(scalar) is { Length: > 0 } single:
                items.Add((single.Trim(), FrontMatter.FileLine(scalar)));
                break;
            case YamlScalarNode:
                break;
            case YamlSequenceNode sequence:
                foreach (var item in sequence.Children)
                {
                    if (item is YamlScalarNode { } itemScalar && ScalarText(itemScalar) is { } text && !string.IsNullOrWhiteSpace(text))
                    {
                        items.Add((text.Trim(), FrontMatter.FileLine(item)));
                    }
                    else
                    {
                        _diagnostics.Error(FrontMatter.FileLine(item), $"each item of '{key}' must be a single non-empty text value (put an item that contains ': ' in quotes)");
                        return null;
                    }
                }

                break;
            default:
                _diagnostics.Error(keyLine, $"'{key}' must be a list ('- item' lines or [a, b]), not a mapping");
                return null;
        }

        if (items.Count < minimum)
        {
            var found = items.Count == 0 ? "none" : items.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            _diagnostics.Error(keyLine, $"'{key}' needs at least {minimum} item{(minimum == 1 ? string.Empty : "s")}, found {found}: {missingHint}");
            return null;
        }

        return items;
    }

    /// <summary>A nested mapping; null (with an error) when missing or of another shape.</summary>
    public YamlMappingNode? Mapping(string key, bool required, string missingHint)
    {
        if (!_fields.TryGetValue(key, out var field))
        {
            if (required)
            {
                _diagnostics.Error(Line, $"missing required key '{key}': {missingHint}");
            }

            return null;
        }

        if (field.Value is YamlMappingNode mapping)
        {
            return mapping;
        }

        _diagnostics.Error(FrontMatter.FileLine(field.Key), $"'{key}' must be a mapping of indented 'key: value' lines: {missingHint}");
        return null;
    }

    /// <summary>A plain <c>~</c> or <c>null</c> is YAML's empty value, not text.</summary>
    public static string? ScalarText(YamlScalarNode scalar) =>
        scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && scalar.Value is "~" or "null" or "Null" or "NULL"
            ? null
            : scalar.Value;
}
