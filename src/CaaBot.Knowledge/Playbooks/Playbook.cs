namespace CaaBot.Knowledge.Playbooks;

/// <summary>
/// One troubleshooting playbook, read from a Markdown file: what the error means and the fix steps in
/// the order to try them. The same file reads as an intranet KB article.
/// </summary>
/// <param name="Id">The file name without extension, e.g. <c>caa20003</c>; stable, used in stored state.</param>
/// <param name="Code">The primary code as written in the front matter, e.g. <c>0xCAA20003</c> or <c>AADSTS50076</c>; null for a symptom-family playbook.</param>
/// <param name="Aliases">Other names of the same error (short forms, symbolic names, OAuth error strings).</param>
/// <param name="Summary">One or two sentences: what is going on, in the user's terms.</param>
/// <param name="Introduction">The Markdown between the title and the first step (cause, background).</param>
/// <param name="SymptomPhrases">How users describe this problem in their own words (for the symptom matcher).</param>
/// <param name="Steps">The fix steps in order, shared steps already expanded.</param>
/// <param name="SourcePath">Where the playbook was loaded from, for messages to authors.</param>
public sealed record Playbook(
    string Id,
    string? Code,
    IReadOnlyList<string> Aliases,
    string Title,
    string Summary,
    string Introduction,
    IReadOnlyList<PlaybookPlatform> Platforms,
    IReadOnlyList<string> SymptomPhrases,
    PlaybookEscalation Escalation,
    IReadOnlyList<PlaybookSource> Sources,
    IReadOnlyList<PlaybookStep> Steps,
    string SourcePath)
{
    /// <summary>
    /// A hash of the file and the shared steps it uses (empty for playbooks built in code). A conversation
    /// stores it next to <see cref="Id"/> so it can keep the exact version it started with after an edit;
    /// see <see cref="PlaybookCatalog.TryGetRevision"/>.
    /// </summary>
    public string Revision { get; init; } = string.Empty;

    /// <summary>Automatic checks the bot runs before step 1 (front matter <c>checks</c>), e.g. the PC's clock.</summary>
    public IReadOnlyList<PlaybookCheck> Checks { get; init; } = [];

    /// <summary>True when some step applies to only some of the playbook's platforms, so the bot must ask where the error shows.</summary>
    public bool StepsDifferByPlatform =>
        Platforms.Count > 1 && Steps.Any(step => step.PerformedBy != StepPerformer.TenantAdmin && step.Platforms.Count > 0 && Platforms.Any(platform => !step.Platforms.Contains(platform)));

    /// <summary>
    /// The steps a user is walked through on <paramref name="platform"/>: tenant-admin steps are left out (they are
    /// the helpdesk's to-do list), and so are steps for other platforms, unless that would leave none.
    /// </summary>
    public IReadOnlyList<PlaybookStep> UserStepsFor(PlaybookPlatform? platform)
    {
        var userSteps = Steps.Where(step => step.PerformedBy != StepPerformer.TenantAdmin).ToList();
        if (platform is not { } known)
        {
            return userSteps;
        }

        var matching = userSteps.Where(step => step.Platforms.Count == 0 || step.Platforms.Contains(known)).ToList();
        return matching.Count > 0 ? matching : userSteps;
    }

    /// <summary>Steps only a tenant administrator can do: what the helpdesk should check once it takes over.</summary>
    public IReadOnlyList<PlaybookStep> HelpdeskSteps => [.. Steps.Where(step => step.PerformedBy == StepPerformer.TenantAdmin)];
}
