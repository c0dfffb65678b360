using CaaBot.Knowledge.Playbooks;

namespace CaaBot.Knowledge.Tests.Playbooks;

/// <summary>Gates the playbooks that ship with the bot: every file loads, cleanly, with steps for its platforms.</summary>
public sealed class ShippedPlaybooksTests
{
    private static readonly Lazy<Task<PlaybookLoadResult>> Shipped =
        new(() => new PlaybookLoader().LoadAsync(RepositoryPaths.ShippedPlaybooks, CancellationToken.None));

    [Fact]
    public async Task ShippedFolder_LoadsWithoutErrors()
    {
        var result = await Shipped.Value;

        Assert.Empty(result.Diagnostics.Where(d => d.IsError).Select(d => d.Format()));
    }

    [Fact]
    public async Task ShippedFolder_EveryPlaybookFileLoads()
    {
        var result = await Shipped.Value;
        var files = Directory.EnumerateFiles(RepositoryPaths.ShippedPlaybooks, "*.md")
            .Where(path => PlaybookLoader.IsPlaybookFileName(Path.GetFileName(path)))
            .ToList();

        Assert.Equal(files.Count, result.PlaybookFiles.Count);
        Assert.Equal(files.Count, result.Playbooks.Count);
    }

    [Fact]
    public async Task ShippedPlaybooks_HaveAStepForEachPlatform()
    {
        var result = await Shipped.Value;

        var gaps = result.Playbooks
            .SelectMany(p => p.Platforms
                .Where(platform => !p.Steps.Any(s => s.Platforms.Count == 0 || s.Platforms.Contains(platform)))
                .Select(platform => $"{p.Id}: no step for {platform}"))
            .ToList();

        Assert.Empty(gaps);
    }

    [Fact]
    public async Task ShippedPlaybooks_EveryPlaybookHasSteps()
    {
        var result = await Shipped.Value;

        Assert.All(result.Playbooks, p => Assert.NotEmpty(p.Steps));
    }
}
