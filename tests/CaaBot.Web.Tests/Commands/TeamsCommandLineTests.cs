using System.IO.Compression;
using System.Text.Json.Nodes;
using CaaBot.Web.Commands;

namespace CaaBot.Web.Tests.Commands;

public sealed class TeamsCommandLineTests : IDisposable
{
    private const string AppId = "5f1c2a9e-8d3b-4b6f-9a51-0c7e2d4b8a10";
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("caabot-teams-cli-");

    [Fact]
    public async Task Package_WithAppId_WritesTheZipToTheDefaultName()
    {
        var (exitCode, output, _) = await RunAsync(null, "teams", "package", "--app-id", AppId);

        Assert.Equal(TeamsCommandLine.Success, exitCode);
        var zip = Path.Combine(_folder.FullName, "caabot-teams-app.zip");
        Assert.Contains(zip, output, StringComparison.Ordinal);
        Assert.Equal(AppId, BotIdIn(zip));
    }

    [Fact]
    public async Task Package_WithoutAppId_TakesMicrosoftAppIdFromTheEnvironment()
    {
        var (exitCode, _, _) = await RunAsync(AppId, "teams", "package", "--out", "out/app.zip");

        Assert.Equal(TeamsCommandLine.Success, exitCode);
        Assert.Equal(AppId, BotIdIn(Path.Combine(_folder.FullName, "out", "app.zip")));
    }

    [Theory]
    [InlineData("the bot's app id is needed", "teams", "package")]
    [InlineData("is not an app id", "teams", "package", "--app-id", "caabot")]
    [InlineData("Unknown option --colour", "teams", "package", "--app-id", AppId, "--colour", "red")]
    [InlineData("Expected --option value", "teams", "package", "--app-id")]
    [InlineData("given twice", "teams", "package", "--app-id", AppId, "--app-id", AppId)]
    [InlineData("must be an absolute https address", "teams", "package", "--app-id", AppId, "--website-url", "http://contoso.example")]
    [InlineData("Usage: CaaBot.Web teams package", "teams", "pack")]
    public async Task Package_BadInput_ExitsWithUsageErrorAndSaysWhy(string expected, params string[] args)
    {
        var (exitCode, _, error) = await RunAsync(null, args);

        Assert.Equal(TeamsCommandLine.UsageError, exitCode);
        Assert.Contains(expected, error, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(_folder.EnumerateFiles("*.zip", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task OtherCommands_AreNotTeamsCommands()
    {
        Assert.Null((await RunAsync(null, "kb", "lint")).ExitCode);
        Assert.Null((await RunAsync(null)).ExitCode);
    }

    public void Dispose() => _folder.Delete(recursive: true);

    private async Task<(int? ExitCode, string Output, string Error)> RunAsync(string? environmentAppId, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await TeamsCommandLine.TryRunAsync(args, output, error, _folder.FullName, environmentAppId, CancellationToken.None);
        return (exitCode, output.ToString(), error.ToString());
    }

    private static string? BotIdIn(string zipPath)
    {
        using var archive = ZipFile.OpenRead(zipPath);
        using var manifest = archive.GetEntry("manifest.json")!.Open();
        return (string?)JsonNode.Parse(manifest)!["bots"]![0]!["botId"];
    }
}
