using CaaBot.Knowledge.Playbooks;

namespace CaaBot.Knowledge.Tests.Playbooks;

public sealed class PlaybookLoaderTests
{
    private static readonly PlaybookLoader Loader = new();

    [Fact]
    public async Task LoadAsync_ValidFolder_LoadsEveryPlaybookWithoutDiagnostics()
    {
        var result = await Loader.LoadAsync(RepositoryPaths.Fixture("Valid"), CancellationToken.None);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(["caa20003", "sign-in-loop"], result.Playbooks.Select(p => p.Id));
        Assert.Equal(2, result.PlaybookFiles.Count);
    }

    [Fact]
    public async Task LoadAsync_CompletePlaybook_ReadsFrontMatter()
    {
        var playbook = await LoadValidAsync("caa20003");

        Assert.Equal("0xCAA20003", playbook.Code);
        Assert.Equal(["CAA20003", "ERROR_ADAL_SERVER_ERROR_INVALID_GRANT", "invalid_grant"], playbook.Aliases);
        Assert.Equal("Teams error 0xCAA20003: authorization blocked", playbook.Title);
        Assert.StartsWith("Teams reached the sign-in service", playbook.Summary, StringComparison.Ordinal);
        Assert.Equal("The sign-in service refused the token request.", playbook.Introduction);
        Assert.Equal([PlaybookPlatform.Windows], playbook.Platforms);
        Assert.Equal(3, playbook.SymptomPhrases.Count);
        Assert.Equal(("identity", "high"), (playbook.Escalation.Group, playbook.Escalation.Priority));
        Assert.Equal(["Every step done and the error is still there"], playbook.Escalation.When);
        Assert.Equal("WebProviderError.ErrorCode", Assert.Single(playbook.Sources).Title);
        Assert.Equal(Uri.UriSchemeHttps, playbook.Sources[0].Url.Scheme);
        Assert.EndsWith("caa20003.md", playbook.SourcePath, StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{16}$", playbook.Revision);
    }

    [Fact]
    public async Task LoadAsync_CompletePlaybook_ReadsStepsInOrderWithMetadata()
    {
        var playbook = await LoadValidAsync("caa20003");

        Assert.Equal(["let-windows-set-the-clock", "clear-cache", "reregister-broker-plugin", "check-the-conditional-access-sign-in-logs"], playbook.Steps.Select(s => s.Id));
        var clock = playbook.Steps[0];
        Assert.Equal("Let Windows set the clock", clock.Title);
        Assert.Equal([PlaybookPlatform.Windows], clock.Platforms);
        Assert.Equal(StepPerformer.User, clock.PerformedBy);
        Assert.Equal(2, clock.Minutes);
        Assert.Equal(25, clock.SourceLine);
        Assert.Null(clock.SharedStepId);
        Assert.Equal("Right-click the date and time in the taskbar and choose **Adjust date and time**.", clock.Instructions[0]);
        Assert.Equal(3, clock.Instructions.Count);

        var tenant = playbook.Steps[3];
        Assert.Equal(StepPerformer.TenantAdmin, tenant.PerformedBy);
        Assert.Empty(tenant.Platforms);
        Assert.Null(tenant.Minutes);
        Assert.Equal(["In the Entra admin center open `Sign-in logs` and filter on the user."], tenant.Instructions);
    }

    [Fact]
    public async Task LoadAsync_InstructionWithFencedBlock_KeepsMarkdownInOneItem()
    {
        var cache = (await LoadValidAsync("caa20003")).Steps[1];

        Assert.Equal(5, cache.Minutes);
        Assert.Equal(3, cache.Instructions.Count);
        Assert.Equal(
            "Open PowerShell and run:\n\n```powershell\nRemove-Item -Recurse \"$env:LOCALAPPDATA\\Packages\\MSTeams_8wekyb3d8bbwe\\LocalCache\"\n```",
            cache.Instructions[1]);
        Assert.Equal("Start Teams from the Start menu;\nit rebuilds the cache on its own.", cache.Instructions[2]);
    }

    [Fact]
    public async Task LoadAsync_SharedStepReference_ExpandsSharedStepAtHeadingLine()
    {
        var shared = (await LoadValidAsync("caa20003")).Steps[2];

        Assert.Equal("reregister-broker-plugin", shared.SharedStepId);
        Assert.Equal("Re-register the work account broker plug-in", shared.Title);
        Assert.Equal(StepPerformer.LocalAdmin, shared.PerformedBy);
        Assert.True(shared.RequiresAdmin);
        Assert.Equal(10, shared.Minutes);
        Assert.Equal([PlaybookPlatform.Windows], shared.Platforms);
        Assert.Equal(45, shared.SourceLine);
        Assert.Equal(3, shared.Instructions.Count);
        Assert.StartsWith("Open PowerShell **as administrator** and run:\n```powershell\nAdd-AppxPackage", shared.Instructions[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_SymptomFamilyWithoutCode_LoadsWithDefaults()
    {
        var playbook = await LoadValidAsync("sign-in-loop");

        Assert.Null(playbook.Code);
        Assert.Empty(playbook.Aliases);
        Assert.Equal("normal", playbook.Escalation.Priority);
        Assert.Equal(["The loop continues after every step"], playbook.Escalation.When);
        Assert.Equal(string.Empty, playbook.Introduction);
    }

    [Fact]
    public async Task LoadAsync_BrokenFiles_StillLoadsTheGoodOnes()
    {
        var result = await Loader.LoadAsync(RepositoryPaths.Fixture("Broken"), CancellationToken.None);

        Assert.Equal(["caa70004", "unknown-key"], result.Playbooks.Select(p => p.Id));
        Assert.True(result.HasErrors);
        Assert.Equal(12, result.PlaybookFiles.Count);
        Assert.Contains("bad-steps", result.RejectedPlaybookIds);
        Assert.DoesNotContain("caa70004", result.RejectedPlaybookIds);
    }

    [Theory]
    [InlineData("no-front-matter.md", 1, "missing front matter")]
    [InlineData("unclosed-front-matter.md", 1, "front matter is not closed")]
    [InlineData("yaml-syntax.md", 4, "front matter is not valid YAML")]
    [InlineData("missing-keys.md", 1, "missing required key 'summary'")]
    [InlineData("missing-keys.md", 1, "missing required key 'sources'")]
    [InlineData("missing-keys.md", 6, "missing required key 'group'")]
    [InlineData("bad-values.md", 2, "'code: 0xCAA1234' is not a recognised code")]
    [InlineData("bad-values.md", 5, "unknown platform 'linux'")]
    [InlineData("bad-values.md", 6, "'symptoms' needs at least 3 items, found 2")]
    [InlineData("bad-values.md", 8, "unknown escalation group 'hr'")]
    [InlineData("bad-values.md", 9, "unknown escalation priority 'urgent'")]
    [InlineData("bad-values.md", 13, "bad URL 'learn.microsoft.com/teams'")]
    [InlineData("bad-steps.md", 15, "step 'Empty step' is empty")]
    [InlineData("bad-steps.md", 18, "step 'Prose only' has no numbered instructions")]
    [InlineData("bad-steps.md", 23, "malformed metadata 'platform windows'")]
    [InlineData("bad-steps.md", 23, "unknown performer 'by: janitor'")]
    [InlineData("bad-steps.md", 23, "'minutes: soon' must be a whole number")]
    [InlineData("bad-steps.md", 27, "unknown shared step '@no-such-step'")]
    [InlineData("bad-steps.md", 33, "duplicate step id 'restart' (the step on line 29 has it too)")]
    [InlineData("no-steps.md", 13, "the playbook has no steps")]
    [InlineData("duplicate-code.md", 2, "duplicate code '0xcaa70004': caa70004.md line 2 already uses it")]
    [InlineData("duplicate-alias.md", 5, "duplicate alias 'SHARED_ALIAS': caa70004.md line 3 already uses it")]
    [InlineData("uses-broken-shared.md", 15, "shared step '@broken-shared' has errors")]
    [InlineData("_shared/broken-shared.md", 1, "missing required key 'title'")]
    public async Task LoadAsync_BrokenFile_ReportsErrorAtFileAndLine(string file, int line, string message)
    {
        var result = await Loader.LoadAsync(RepositoryPaths.Fixture("Broken"), CancellationToken.None);
        var path = Path.Combine(RepositoryPaths.Fixture("Broken"), file);

        var matches = result.Diagnostics.Where(d => d.FilePath == path && d.Message.Contains(message, StringComparison.Ordinal)).ToList();

        var diagnostic = Assert.Single(matches);
        Assert.Equal(PlaybookDiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(line, diagnostic.Line);
    }

    [Fact]
    public async Task LoadAsync_UnknownKey_WarnsAndStillLoads()
    {
        var result = await Loader.LoadAsync(RepositoryPaths.Fixture("Broken"), CancellationToken.None);
        var path = Path.Combine(RepositoryPaths.Fixture("Broken"), "unknown-key.md");

        var diagnostic = Assert.Single(result.Diagnostics, d => d.FilePath == path);

        Assert.Equal(PlaybookDiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal(13, diagnostic.Line);
        Assert.Contains("unknown key 'owner'", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains(result.Playbooks, p => p.Id == "unknown-key");
    }

    [Fact]
    public async Task LoadAsync_BrokenFolder_ReportsOnlyTheExpectedErrors()
    {
        var result = await Loader.LoadAsync(RepositoryPaths.Fixture("Broken"), CancellationToken.None);

        // One line per expected diagnostic above: nothing unexpected sneaks in (e.g. follow-on errors).
        Assert.Equal(24, result.ErrorCount);
        Assert.Equal(1, result.WarningCount);
    }

    [Fact]
    public async Task LoadAsync_MissingFolder_ReportsFolderError()
    {
        var folder = Path.Combine(Path.GetTempPath(), "caabot-no-such-folder", Guid.NewGuid().ToString("N"));

        var result = await Loader.LoadAsync(folder, CancellationToken.None);

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(folder, diagnostic.FilePath);
        Assert.Equal(0, diagnostic.Line);
        Assert.Empty(result.Playbooks);
    }

    [Fact]
    public async Task LoadAsync_SameContent_SameRevision_EditedContent_NewRevision()
    {
        using var folder = new TempPlaybookFolder();
        folder.Write("a.md", TempPlaybookFolder.Playbook("0xCAA20003"));
        var first = (await Loader.LoadAsync(folder.Path, CancellationToken.None)).Playbooks[0].Revision;
        var again = (await Loader.LoadAsync(folder.Path, CancellationToken.None)).Playbooks[0].Revision;
        folder.Write("a.md", TempPlaybookFolder.Playbook("0xCAA20003", stepTitle: "Restart the PC"));

        var edited = (await Loader.LoadAsync(folder.Path, CancellationToken.None)).Playbooks[0].Revision;

        Assert.Equal(first, again);
        Assert.NotEqual(first, edited);
    }

    [Fact]
    public async Task LoadAsync_StepPlatformsNotCovered_Warns()
    {
        using var folder = new TempPlaybookFolder();
        var path = folder.Write("a.md", TempPlaybookFolder.Playbook("0xCAA20003").Replace("platforms: [windows]", "platforms: [windows, web]", StringComparison.Ordinal)
            .Replace("## Step: Restart Teams", "## Step: Restart Teams\n> platform: windows", StringComparison.Ordinal));

        var result = await Loader.LoadAsync(folder.Path, CancellationToken.None);

        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal(new PlaybookDiagnostic(PlaybookDiagnosticSeverity.Warning, path, 6, "no step applies to web: add a step for it or remove it from 'platforms'"), warning);
        Assert.Single(result.Playbooks);
    }

    [Fact]
    public async Task LoadAsync_NestedListsAndNotes_StayInsideTheirInstruction()
    {
        using var folder = new TempPlaybookFolder();
        folder.Write("a.md", TempPlaybookFolder.Playbook("0xCAA20003").Replace(
            "1. Quit Teams.\n2. Start Teams again.",
            "Before you start, save your work.\n\n1. Quit Teams:\n   1. Right-click the tray icon.\n   2. Choose **Quit**.\n2. Start Teams again.\n\n> Tip: this is for KB readers.",
            StringComparison.Ordinal));

        var result = await Loader.LoadAsync(folder.Path, CancellationToken.None);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(
            ["Quit Teams:\n1. Right-click the tray icon.\n2. Choose **Quit**.", "Start Teams again."],
            result.Playbooks[0].Steps[0].Instructions);
    }

    [Fact]
    public async Task LoadAsync_StepHeadingWithoutColon_WarnsAtThatLine()
    {
        using var folder = new TempPlaybookFolder();
        var path = folder.Write("a.md", TempPlaybookFolder.Playbook("0xCAA20003") + "\n\n## Step 2 - Restart the PC\n\n1. Restart.\n");

        var result = await Loader.LoadAsync(folder.Path, CancellationToken.None);

        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal((PlaybookDiagnosticSeverity.Warning, path, 21), (warning.Severity, warning.FilePath, warning.Line));
        Assert.Single(result.Playbooks[0].Steps);
    }

    [Fact]
    public async Task LoadAsync_SymptomWithColon_ExplainsQuoting()
    {
        using var folder = new TempPlaybookFolder();
        folder.Write("a.md", TempPlaybookFolder.Playbook("0xCAA20003").Replace(
            "symptoms: [teams will not sign in, sign in error, cannot sign in]",
            "symptoms:\n  - teams will not sign in\n  - error: something went wrong\n  - cannot sign in",
            StringComparison.Ordinal));

        var result = await Loader.LoadAsync(folder.Path, CancellationToken.None);

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(9, error.Line);
        Assert.Contains("in quotes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_ErrorWithLine_IsCompilerStyle()
    {
        var diagnostic = new PlaybookDiagnostic(PlaybookDiagnosticSeverity.Error, "playbooks/a.md", 7, "bad URL");

        Assert.Equal("playbooks/a.md:7: error: bad URL", diagnostic.Format());
        Assert.Equal("x.md: warning: hm", (diagnostic with { Line = 0, Severity = PlaybookDiagnosticSeverity.Warning, Message = "hm" }).Format("x.md"));
    }

    private static async Task<Playbook> LoadValidAsync(string id)
    {
        var result = await Loader.LoadAsync(RepositoryPaths.Fixture("Valid"), CancellationToken.None);
        return Assert.Single(result.Playbooks, p => p.Id == id);
    }
}
