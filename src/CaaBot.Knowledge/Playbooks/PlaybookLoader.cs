namespace CaaBot.Knowledge.Playbooks;

/// <summary>
/// Loads a playbook folder: every <c>*.md</c> at its top level (except <c>README*</c> and names starting
/// with <c>_</c>) is a playbook, <c>_shared/*.md</c> are shared steps. Each file is checked on its own,
/// so one broken file never keeps the others from loading; codes and aliases are then checked across
/// files. Stateless and thread-safe.
/// </summary>
public sealed class PlaybookLoader
{
    public const string SharedFolderName = "_shared";

    /// <summary>The playbook id a file gets: its name without the extension.</summary>
    public static string PlaybookIdFromPath(string path) => Path.GetFileNameWithoutExtension(path);

    /// <summary>True for a file the loader reads as a playbook.</summary>
    public static bool IsPlaybookFileName(string fileName) =>
        fileName.EndsWith(".md", StringComparison.OrdinalIgnoreCase)
        && !fileName.StartsWith('_')
        && !fileName.StartsWith("README", StringComparison.OrdinalIgnoreCase);

    public async Task<PlaybookLoadResult> LoadAsync(string folder, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        folder = Path.GetFullPath(folder);
        if (!Directory.Exists(folder))
        {
            return new PlaybookLoadResult(
                folder,
                [],
                [new PlaybookDiagnostic(PlaybookDiagnosticSeverity.Error, folder, 0, "playbook folder not found")],
                []);
        }

        List<PlaybookDiagnostic> diagnostics = [];
        var shared = await LoadSharedStepsAsync(Path.Combine(folder, SharedFolderName), diagnostics, cancellationToken);

        var files = Directory.EnumerateFiles(folder, "*.md", SearchOption.TopDirectoryOnly)
            .Where(path => IsPlaybookFileName(Path.GetFileName(path)))
            .Order(StringComparer.Ordinal)
            .ToList();
        List<ParsedPlaybook> parsed = [];
        foreach (var path in files)
        {
            var bag = new DiagnosticBag(path);
            var text = await ReadAsync(path, bag, cancellationToken);
            if (text is not null && PlaybookParser.Parse(PlaybookIdFromPath(path), path, text, shared, bag) is { } playbook)
            {
                parsed.Add(playbook);
            }

            diagnostics.AddRange(bag.Items);
        }

        var playbooks = CheckAcrossFiles(parsed, diagnostics);
        return new PlaybookLoadResult(
            folder,
            [.. playbooks.OrderBy(p => p.Id, StringComparer.Ordinal)],
            [.. diagnostics.OrderBy(d => d.FilePath, StringComparer.Ordinal).ThenBy(d => d.Line)],
            files);
    }

    private static async Task<Dictionary<string, SharedStep>> LoadSharedStepsAsync(
        string sharedFolder,
        List<PlaybookDiagnostic> diagnostics,
        CancellationToken cancellationToken)
    {
        Dictionary<string, SharedStep> shared = new(StringComparer.OrdinalIgnoreCase);
        if (!Directory.Exists(sharedFolder))
        {
            return shared;
        }

        foreach (var path in Directory.EnumerateFiles(sharedFolder, "*.md").Order(StringComparer.Ordinal))
        {
            var bag = new DiagnosticBag(path);
            var text = await ReadAsync(path, bag, cancellationToken);
            if (text is not null)
            {
                var id = PlaybookIdFromPath(path);
                shared[id] = SharedStepParser.Parse(id, path, text, bag);
            }

            diagnostics.AddRange(bag.Items);
        }

        return shared;
    }

    private static async Task<string?> ReadAsync(string path, DiagnosticBag diagnostics, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // An editor may hold the file while saving; the catalog retries on the next change.
            diagnostics.Error(0, $"cannot read the file: {ex.Message}");
            return null;
        }
    }

    /// <summary>
    /// Ids, codes and aliases must each lead to one playbook. Files are taken in name order; a later
    /// file that claims a name already taken is reported at that line and not loaded.
    /// </summary>
    private static List<Playbook> CheckAcrossFiles(List<ParsedPlaybook> parsed, List<PlaybookDiagnostic> diagnostics)
    {
        Dictionary<string, (string Path, int Line)> owners = new(StringComparer.OrdinalIgnoreCase);
        HashSet<string> ids = new(StringComparer.OrdinalIgnoreCase);
        List<Playbook> accepted = [];
        foreach (var (playbook, names) in parsed)
        {
            var path = playbook.SourcePath;
            var ok = true;
            if (!ids.Add(playbook.Id))
            {
                diagnostics.Add(new(PlaybookDiagnosticSeverity.Error, path, 0, $"another file already has the id '{playbook.Id}' (file names differ only in case)"));
                ok = false;
            }

            foreach (var (name, line, isCode) in names)
            {
                if (owners.TryGetValue(name, out var owner))
                {
                    var kind = isCode ? "code" : "alias";
                    diagnostics.Add(new(PlaybookDiagnosticSeverity.Error, path, line, $"duplicate {kind} '{name}': {Path.GetFileName(owner.Path)} line {owner.Line} already uses it; a code or alias must lead to one playbook"));
                    ok = false;
                }
            }

            if (!ok)
            {
                continue;
            }

            foreach (var (name, line, _) in names)
            {
                owners[name] = (path, line);
            }

            accepted.Add(playbook);
        }

        return accepted;
    }
}
