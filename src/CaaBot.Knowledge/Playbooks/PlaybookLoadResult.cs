namespace CaaBot.Knowledge.Playbooks;

/// <summary>What one pass over a playbook folder produced.</summary>
/// <param name="Folder">The folder that was read (full path).</param>
/// <param name="Playbooks">Every playbook that loaded without errors, ordered by id.</param>
/// <param name="Diagnostics">Every problem found, ordered by file and line.</param>
/// <param name="PlaybookFiles">Every playbook file found (full paths), whether it loaded or not.</param>
public sealed record PlaybookLoadResult(
    string Folder,
    IReadOnlyList<Playbook> Playbooks,
    IReadOnlyList<PlaybookDiagnostic> Diagnostics,
    IReadOnlyList<string> PlaybookFiles)
{
    public int ErrorCount => Diagnostics.Count(d => d.IsError);

    public int WarningCount => Diagnostics.Count(d => !d.IsError);

    public bool HasErrors => Diagnostics.Any(d => d.IsError);

    /// <summary>Ids of playbook files that exist but did not load because of errors.</summary>
    public IReadOnlyList<string> RejectedPlaybookIds =>
        [.. PlaybookFiles
            .Select(PlaybookLoader.PlaybookIdFromPath)
            .Where(id => !Playbooks.Any(p => string.Equals(p.Id, id, StringComparison.OrdinalIgnoreCase)))];
}
