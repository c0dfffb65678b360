using CaaBot.Knowledge.Playbooks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CaaBot.Knowledge.Tests.Playbooks;

public sealed class PlaybookCatalogTests
{
    [Fact]
    public void Current_BeforeFirstLoad_IsEmptyVersionZero()
    {
        var catalog = NewCatalog(RepositoryPaths.Fixture("Valid"));

        Assert.Same(PlaybookCatalogSnapshot.Empty, catalog.Current);
        Assert.Equal(0, catalog.Current.Version);
        Assert.Null(catalog.LastLoad);
    }

    [Theory]
    [InlineData("0xCAA20003")]
    [InlineData("0xcaa20003")]
    [InlineData(" 0XCAA20003 ")]
    public async Task TryGetByCode_NormalizedCodeAnyCase_FindsPlaybook(string code)
    {
        var snapshot = await LoadValidAsync();

        Assert.True(snapshot.TryGetByCode(code, out var playbook));
        Assert.Equal("caa20003", playbook.Id);
    }

    [Theory]
    [InlineData("invalid_grant")]
    [InlineData("INVALID_GRANT")]
    [InlineData("error_adal_server_error_invalid_grant")]
    [InlineData("CAA20003")]
    public async Task TryGetByAlias_AnyCase_FindsPlaybook(string alias)
    {
        var snapshot = await LoadValidAsync();

        Assert.True(snapshot.TryGetByAlias(alias, out var playbook));
        Assert.Equal("caa20003", playbook.Id);
        Assert.True(snapshot.TryFind(alias, out _));
    }

    [Fact]
    public async Task Lookups_KeepCodesAliasesAndIdsApart()
    {
        var snapshot = await LoadValidAsync();

        Assert.False(snapshot.TryGetByCode("CAA20003", out _));
        Assert.False(snapshot.TryGetByAlias("0xCAA20003", out _));
        Assert.True(snapshot.TryFind("0xCAA20003", out _));
        Assert.False(snapshot.TryFind("0xCAA99999", out _));
        Assert.True(snapshot.TryGetById("SIGN-IN-LOOP", out var family));
        Assert.Null(family.Code);
        Assert.Equal(["caa20003", "sign-in-loop"], snapshot.Playbooks.Select(p => p.Id));
    }

    [Fact]
    public async Task ReloadAsync_NothingChanged_KeepsSnapshotAndVersion()
    {
        var catalog = NewCatalog(RepositoryPaths.Fixture("Valid"));
        var first = await catalog.ReloadAsync(CancellationToken.None);

        var second = await catalog.ReloadAsync(CancellationToken.None);

        Assert.Equal(1, first.Version);
        Assert.Same(first, second);
    }

    [Fact]
    public async Task ReloadAsync_FileBroken_KeepsLastGoodRevisionForThatFileOnly()
    {
        using var folder = new TempPlaybookFolder();
        folder.Write("a.md", TempPlaybookFolder.Playbook("0xCAA20003"));
        folder.Write("b.md", TempPlaybookFolder.Playbook("0xCAA70004"));
        var logger = new RecordingLogger<PlaybookCatalog>();
        var catalog = NewCatalog(folder.Path, logger: logger);
        var before = await catalog.ReloadAsync(CancellationToken.None);
        before.TryGetById("a", out var goodA);

        folder.Write("a.md", "---\ncode: 0xCAA20003\ntitle: [unclosed\n---\n");
        folder.Write("b.md", TempPlaybookFolder.Playbook("0xCAA70004", stepTitle: "Restart the PC"));
        var after = await catalog.ReloadAsync(CancellationToken.None);

        Assert.Equal(2, after.Version);
        Assert.True(after.TryGetById("a", out var keptA));
        Assert.Same(goodA, keptA);
        Assert.Equal(["a"], after.KeptFromEarlier);
        Assert.Equal("Restart the PC", Assert.Single(after.TryGetById("b", out var b) ? b.Steps : []).Title);
        Assert.True(catalog.LastLoad!.HasErrors);
        Assert.Contains(catalog.LastLoad.Diagnostics, d => d.IsError && d.FilePath.EndsWith("a.md", StringComparison.Ordinal));
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("a.md:", StringComparison.Ordinal));
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("last good revision", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReloadAsync_BrokenBeforeFirstGoodLoad_IsMissingUntilFixed()
    {
        using var folder = new TempPlaybookFolder();
        folder.Write("a.md", "no front matter");
        var catalog = NewCatalog(folder.Path);

        var broken = await catalog.ReloadAsync(CancellationToken.None);
        folder.Write("a.md", TempPlaybookFolder.Playbook("0xCAA20003"));
        var fixedSnapshot = await catalog.ReloadAsync(CancellationToken.None);

        Assert.Empty(broken.Playbooks);
        Assert.True(fixedSnapshot.TryGetByCode("0xCAA20003", out _));
        Assert.Empty(fixedSnapshot.KeptFromEarlier);
    }

    [Fact]
    public async Task ReloadAsync_FileDeleted_RemovesPlaybook()
    {
        using var folder = new TempPlaybookFolder();
        folder.Write("a.md", TempPlaybookFolder.Playbook("0xCAA20003"));
        var catalog = NewCatalog(folder.Path);
        await catalog.ReloadAsync(CancellationToken.None);

        folder.Delete("a.md");
        var after = await catalog.ReloadAsync(CancellationToken.None);

        Assert.Empty(after.Playbooks);
        Assert.False(catalog.LastLoad!.HasErrors);
    }

    [Fact]
    public async Task ReloadAsync_FolderDisappears_KeepsWholeSnapshot()
    {
        using var parent = new TempPlaybookFolder();
        var path = Path.Combine(parent.Path, "share");
        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, "a.md"), TempPlaybookFolder.Playbook("0xCAA20003"));
        var catalog = NewCatalog(path);
        var before = await catalog.ReloadAsync(CancellationToken.None);

        Directory.Delete(path, recursive: true);
        var after = await catalog.ReloadAsync(CancellationToken.None);

        Assert.Same(before, after);
        Assert.True(catalog.LastLoad!.HasErrors);
    }

    [Fact]
    public async Task ReloadAsync_LastGoodClashesWithNewFile_DropsLastGood()
    {
        using var folder = new TempPlaybookFolder();
        folder.Write("b.md", TempPlaybookFolder.Playbook("0xCAA20003"));
        var catalog = NewCatalog(folder.Path);
        await catalog.ReloadAsync(CancellationToken.None);

        // b breaks while a new file takes over its code: serving both would make the code ambiguous.
        folder.Write("b.md", "broken");
        folder.Write("a.md", TempPlaybookFolder.Playbook("0xCAA20003", stepTitle: "New owner"));
        var after = await catalog.ReloadAsync(CancellationToken.None);

        Assert.Equal(["a"], after.Playbooks.Select(p => p.Id));
        Assert.Empty(after.KeptFromEarlier);
    }

    [Fact]
    public async Task TryGetRevision_AfterEdit_ServesOldRevisionUntilRetentionEnds()
    {
        using var folder = new TempPlaybookFolder();
        folder.Write("a.md", TempPlaybookFolder.Playbook("0xCAA20003", stepTitle: "Old step"));
        var clock = new ManualClock();
        var catalog = NewCatalog(folder.Path, clock: clock);
        var started = (await catalog.ReloadAsync(CancellationToken.None)).Playbooks[0];

        folder.Write("a.md", TempPlaybookFolder.Playbook("0xCAA20003", stepTitle: "New step"));
        clock.Now += TimeSpan.FromMinutes(1);
        var current = (await catalog.ReloadAsync(CancellationToken.None)).Playbooks[0];

        Assert.NotEqual(started.Revision, current.Revision);
        Assert.True(catalog.TryGetRevision("a", started.Revision, out var old));
        Assert.Equal("Old step", old.Steps[0].Title);
        Assert.True(catalog.TryGetRevision("A", current.Revision, out var latest));
        Assert.Same(current, latest);

        clock.Now += TimeSpan.FromHours(25);
        Assert.False(catalog.TryGetRevision("a", started.Revision, out _));
        Assert.False(catalog.TryGetRevision("a", "0000000000000000", out _));
    }

    [Fact]
    public async Task StartAsync_FileAddedEditedBrokenFixed_ReloadsWithoutRestart()
    {
        using var folder = new TempPlaybookFolder();
        folder.Write("a.md", TempPlaybookFolder.Playbook("0xCAA20003"));
        await using var catalog = NewCatalog(folder.Path, watch: true);
        await catalog.StartAsync(CancellationToken.None);
        Assert.Single(catalog.Current.Playbooks);

        folder.Write("b.md", TempPlaybookFolder.Playbook("0xCAA70004"));
        await Eventually.TrueAsync(() => catalog.Current.TryGetByCode("0xCAA70004", out _), "the new file is served");
        catalog.Current.TryGetById("b", out var goodB);

        folder.Write("b.md", "---\ncode: 0xCAA70004\n---\n");
        await Eventually.TrueAsync(() => catalog.LastLoad?.HasErrors == true, "the broken file is reported");
        Assert.Contains(catalog.LastLoad!.Diagnostics, d => d.FilePath.EndsWith("b.md", StringComparison.Ordinal) && d.Message.Contains("missing required key 'title'", StringComparison.Ordinal));
        Assert.True(catalog.Current.TryGetById("b", out var keptB));
        Assert.Equal(goodB!.Revision, keptB.Revision);

        folder.Write("b.md", TempPlaybookFolder.Playbook("0xCAA70004", stepTitle: "Fixed"));
        await Eventually.TrueAsync(
            () => catalog.Current.TryGetById("b", out var b) && b.Steps[0].Title == "Fixed" && catalog.LastLoad?.HasErrors == false,
            "the fixed file replaces the last good revision");
        Assert.Empty(catalog.Current.KeptFromEarlier);
    }

    [Fact]
    public async Task StartAsync_SharedStepEdited_ReloadsPlaybooksThatUseIt()
    {
        using var folder = new TempPlaybookFolder();
        folder.Write("a.md", TempPlaybookFolder.Playbook("0xCAA20003").Replace("## Step: Restart Teams", "## Step: @restart\n\n## Step: Restart Teams", StringComparison.Ordinal));
        folder.Write("_shared/restart.md", "---\ntitle: Restart the PC\n---\n\n1. Restart.\n");
        await using var catalog = NewCatalog(folder.Path, watch: true);
        await catalog.StartAsync(CancellationToken.None);
        Assert.Equal("Restart the PC", catalog.Current.Playbooks[0].Steps[0].Title);

        folder.Write("_shared/restart.md", "---\ntitle: Restart the computer\n---\n\n1. Restart.\n");

        await Eventually.TrueAsync(() => catalog.Current.Playbooks[0].Steps[0].Title == "Restart the computer", "the shared step edit is picked up");
    }

    [Fact]
    public async Task StartAsync_MissingFolderCreatedLater_PicksItUpByPolling()
    {
        using var parent = new TempPlaybookFolder();
        var path = Path.Combine(parent.Path, "later");
        await using var catalog = NewCatalog(path, watch: true);
        await catalog.StartAsync(CancellationToken.None);
        Assert.True(catalog.LastLoad!.HasErrors);

        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, "a.md"), TempPlaybookFolder.Playbook("0xCAA20003"));

        await Eventually.TrueAsync(() => catalog.Current.Playbooks.Count == 1, "the poll finds the new folder");
    }

    private static async Task<PlaybookCatalogSnapshot> LoadValidAsync()
    {
        var catalog = NewCatalog(RepositoryPaths.Fixture("Valid"));
        return await catalog.ReloadAsync(CancellationToken.None);
    }

    private static PlaybookCatalog NewCatalog(string folder, bool watch = false, TimeProvider? clock = null, ILogger<PlaybookCatalog>? logger = null) =>
        new(
            new PlaybookCatalogOptions
            {
                PlaybookFolder = folder,
                WatchForChanges = watch,
                ReloadDelay = TimeSpan.FromMilliseconds(50),
                PollInterval = TimeSpan.FromMilliseconds(250),
            },
            new PlaybookLoader(),
            clock ?? TimeProvider.System,
            logger ?? NullLogger<PlaybookCatalog>.Instance);
}
