using System.Diagnostics;
using CaaBot.Knowledge.Playbooks;
using CaaBot.Web.Commands;
using CaaBot.Web.Tests.Support;

namespace CaaBot.Web.Tests.Commands;

public sealed class KnowledgeCommandLineTests : IDisposable
{
    private static readonly string ValidPlaybook = SamplePlaybooks.Minimal();

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "caabot-kb-lint", Guid.NewGuid().ToString("N"));

    public KnowledgeCommandLineTests() => Directory.CreateDirectory(_folder);

    [Fact]
    public async Task TryRunAsync_NotAKbCommand_ReturnsNullAndPrintsNothing()
    {
        var (exitCode, output, error) = await RunAsync("--urls", "http://127.0.0.1:0");

        Assert.Null(exitCode);
        Assert.Empty(output);
        Assert.Empty(error);
    }

    [Fact]
    public async Task Lint_ValidFolder_PrintsSummaryAndExitsZero()
    {
        Write("caa20003.md", ValidPlaybook);

        var (exitCode, output, _) = await RunAsync("kb", "lint", _folder);

        Assert.Equal(KnowledgeCommandLine.Success, exitCode);
        Assert.Equal($"kb lint: {_folder}: 1 playbook file(s), 1 loaded, 0 error(s), 0 warning(s)", Assert.Single(Lines(output)));
    }

    [Fact]
    public async Task Lint_Errors_PrintsPathLineSeverityMessageAndExitsOne()
    {
        Write("caa20003.md", ValidPlaybook);
        Write("broken.md", ValidPlaybook.Replace("0xCAA20003", "0xCAA70004", StringComparison.Ordinal).Replace("url: https://learn", "url: learn", StringComparison.Ordinal));

        var (exitCode, output, _) = await RunAsync("kb", "lint", _folder);

        Assert.Equal(KnowledgeCommandLine.LintFailed, exitCode);
        Assert.Equal(
            [
                $"{Path.Combine(_folder, "broken.md")}:12: error: bad URL 'learn.microsoft.com/microsoftteams/troubleshoot': use a full http:// or https:// address",
                $"kb lint: {_folder}: 2 playbook file(s), 1 loaded, 1 error(s), 0 warning(s)",
            ],
            Lines(output));
    }

    [Fact]
    public async Task Lint_WarningsOnly_ExitsZero()
    {
        Write("caa20003.md", ValidPlaybook.Replace("summary:", "owner: me\nsummary:", StringComparison.Ordinal));

        var (exitCode, output, _) = await RunAsync("kb", "lint", _folder);

        Assert.Equal(KnowledgeCommandLine.Success, exitCode);
        Assert.StartsWith($"{Path.Combine(_folder, "caa20003.md")}:4: warning: unknown key 'owner'", Lines(output)[0], StringComparison.Ordinal);
        Assert.EndsWith("0 error(s), 1 warning(s)", Lines(output)[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lint_RelativeFolder_ShowsPathsRelativeToCurrentDirectory()
    {
        Write("playbooks/broken.md", "no front matter\n");

        var (exitCode, output, _) = await RunInAsync(_folder, "kb", "lint", "playbooks");

        Assert.Equal(KnowledgeCommandLine.LintFailed, exitCode);
        Assert.StartsWith($"{Path.Combine("playbooks", "broken.md")}:1: error: missing front matter", Lines(output)[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lint_MissingFolder_ExitsOne()
    {
        var (exitCode, output, _) = await RunAsync("kb", "lint", Path.Combine(_folder, "nope"));

        Assert.Equal(KnowledgeCommandLine.LintFailed, exitCode);
        Assert.Contains("error: playbook folder not found", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lint_NoFolder_ChecksTheShippedPlaybooks()
    {
        var (exitCode, output, _) = await RunAsync("kb", "lint");

        Assert.Equal(KnowledgeCommandLine.Success, exitCode);
        Assert.Contains("kb lint: ", output, StringComparison.Ordinal);
        Assert.True(Directory.Exists(PlaybookCatalogOptions.ShippedFolder), "the shipped playbooks are copied next to the app");
    }

    [Theory]
    [InlineData("kb")]
    [InlineData("kb", "frobnicate")]
    [InlineData("kb", "lint", "a", "b")]
    public async Task UnknownOrIncompleteCommand_PrintsUsageAndExitsTwo(params string[] args)
    {
        var (exitCode, output, error) = await RunAsync(args);

        Assert.Equal(KnowledgeCommandLine.UsageError, exitCode);
        Assert.Empty(output);
        Assert.Contains("Usage: CaaBot.Web kb <command>", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_PrintsUsageAndExitsZero()
    {
        var (exitCode, output, _) = await RunAsync("kb", "help");

        Assert.Equal(KnowledgeCommandLine.Success, exitCode);
        Assert.Contains("lint [folder]", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuiltDll_KbLint_ExitsWithLintResultWithoutStartingTheHost()
    {
        Write("broken.md", "no front matter\n");
        var dll = Path.Combine(AppContext.BaseDirectory, "CaaBot.Web.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _folder,
        };
        foreach (var argument in new[] { dll, "kb", "lint", "." })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = await process.StandardOutput.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(KnowledgeCommandLine.LintFailed, process.ExitCode);
        Assert.StartsWith("broken.md:1: error: missing front matter", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private void Write(string relativePath, string text)
    {
        var path = Path.Combine(_folder, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static Task<(int? ExitCode, string Output, string Error)> RunAsync(params string[] args) => RunInAsync(AppContext.BaseDirectory, args);

    private static async Task<(int? ExitCode, string Output, string Error)> RunInAsync(string currentDirectory, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await KnowledgeCommandLine.TryRunAsync(args, output, error, currentDirectory, CancellationToken.None);
        return (exitCode, output.ToString(), error.ToString());
    }
}
