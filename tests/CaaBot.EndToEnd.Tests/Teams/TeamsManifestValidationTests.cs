using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json.Nodes;
using CaaBot.EndToEnd.Tests.Infrastructure;

namespace CaaBot.EndToEnd.Tests.Teams;

/// <summary>
/// The Teams app package as an admin makes it (<c>CaaBot.Web teams package</c> on the built app), checked against the
/// official Teams manifest schema offline by <c>@microsoft/app-manifest</c>.
/// </summary>
public sealed class TeamsManifestValidationTests : IDisposable
{
    private const string BotAppId = "5f1c2a9e-8d3b-4b6f-9a51-0c7e2d4b8a10";
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("caabot-teams-package-");

    [Fact]
    public async Task Package_FilledByTheCommand_PassesTheOfficialSchemaWithZeroErrors()
    {
        NodeScript.EnsureInstalled("The Teams manifest validator", "@microsoft/app-manifest/package.json");
        var zip = Path.Combine(_work.FullName, "caabot.zip");
        await RunPackageCommandAsync("--app-id", BotAppId, "--version", "1.4.2", "--domain", "caabot.contoso.com", "--out", zip);
        var manifestFile = Path.Combine(_work.FullName, "manifest.json");
        ZipFile.ExtractToDirectory(zip, _work.FullName);

        var results = JsonNode.Parse(await NodeScript.RunAsync("validate-manifest.js", [manifestFile], [0, 1], CancellationToken.None))!.AsArray();

        var result = Assert.Single(results)!;
        Assert.True(result["errors"]!.AsArray().Count == 0, $"The official schema reported errors: {result["errors"]!.ToJsonString()}");
        Assert.True((bool)result["bundledSchemaExists"]!, "The manifest's schema version is not one the offline validator bundles.");
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(manifestFile))!;
        Assert.Equal(BotAppId, (string?)manifest["bots"]![0]!["botId"]);
        Assert.Equal("1.4.2", (string?)manifest["version"]);
    }

    [Fact]
    public async Task Validator_BrokenManifest_ReportsErrors()
    {
        // The negative control: the same validator must not pass just anything.
        NodeScript.EnsureInstalled("The Teams manifest validator", "@microsoft/app-manifest/package.json");
        var zip = Path.Combine(_work.FullName, "caabot.zip");
        await RunPackageCommandAsync("--app-id", BotAppId, "--out", zip);
        ZipFile.ExtractToDirectory(zip, _work.FullName);
        var manifestFile = Path.Combine(_work.FullName, "manifest.json");
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(manifestFile))!.AsObject();
        manifest["bots"]![0]!["botId"] = "not-a-guid";
        manifest["bots"]![0]!["scopes"] = new JsonArray("groupchat");
        manifest.Remove("developer");
        await File.WriteAllTextAsync(manifestFile, manifest.ToJsonString());

        var results = JsonNode.Parse(await NodeScript.RunAsync("validate-manifest.js", [manifestFile], [1], CancellationToken.None))!.AsArray();

        var errors = Assert.Single(results)!["errors"]!.ToJsonString();
        Assert.Contains("developer", errors, StringComparison.Ordinal);
        Assert.Contains("botId", errors, StringComparison.Ordinal);
        Assert.Contains("scopes", errors, StringComparison.Ordinal);
    }

    public void Dispose() => _work.Delete(recursive: true);

    private async Task RunPackageCommandAsync(params string[] options)
    {
        var startInfo = new ProcessStartInfo(TestPaths.DotnetHost)
        {
            WorkingDirectory = _work.FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        startInfo.Environment["MicrosoftAppId"] = string.Empty;
        foreach (var argument in new[] { TestPaths.CaaBotWebAssembly, "teams", "package" }.Concat(options))
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        var stdout = await process.StandardOutput.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"teams package exited with {process.ExitCode}: {stdout}{await stderr}");
    }
}
