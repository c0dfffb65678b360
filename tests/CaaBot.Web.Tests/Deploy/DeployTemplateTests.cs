using System.Diagnostics;
using System.Reflection;
using System.Text.Json;

namespace CaaBot.Web.Tests.Deploy;

/// <summary>
/// deploy/main.bicep compiled by the real Bicep compiler (offline: it type-checks every resource against the Azure
/// resource types it ships), and the parameters file and the Dockerfile checked against it and against the host.
/// Nothing here talks to Azure: what Azure Resource Manager would accept at deployment time is not proven.
/// </summary>
public sealed class DeployTemplateTests
{
    private static readonly string DeployFolder = Path.Combine(RepositoryRoot(), "deploy");

    private static readonly Lazy<Task<JsonElement>> Compiled = new(CompileAsync);

    [Fact]
    public async Task MainBicep_CompilesWithoutErrorsOrWarnings()
    {
        var (exitCode, _, errors) = await RunBicepAsync("build", Path.Combine(DeployFolder, "main.bicep"), "--stdout");

        Assert.True(exitCode == 0, errors);
        Assert.Equal(string.Empty, errors.Trim());
    }

    [Fact]
    public async Task ParametersFile_NamesOnlyDeclaredParametersAndEveryRequiredOne()
    {
        var template = await Compiled.Value;
        var declared = template.GetProperty("parameters").EnumerateObject().ToDictionary(parameter => parameter.Name, parameter => parameter.Value, StringComparer.Ordinal);
        using var file = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(DeployFolder, "main.parameters.json")));
        var given = file.RootElement.GetProperty("parameters").EnumerateObject().Select(parameter => parameter.Name).ToList();

        Assert.All(given, name => Assert.True(declared.ContainsKey(name), $"main.parameters.json sets '{name}', which main.bicep does not declare"));
        var required = declared.Where(parameter => !parameter.Value.TryGetProperty("defaultValue", out _)).Select(parameter => parameter.Key);
        Assert.All(required, name => Assert.Contains(name, given));
        // No secrets: no secure parameters exist, so none can be committed.
        Assert.DoesNotContain(declared.Values, parameter => parameter.GetProperty("type").GetString()!.StartsWith("secure", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Template_BotUsesTheManagedIdentityAndTheAppProbesReadyz()
    {
        var resources = (await Compiled.Value).GetProperty("resources");
        var text = resources.GetRawText();

        var site = Resource(resources, "Microsoft.Web/sites");
        var siteProperties = site.GetProperty("properties");
        Assert.True(siteProperties.GetProperty("httpsOnly").GetBoolean());
        var siteConfig = siteProperties.GetProperty("siteConfig");
        Assert.Equal("/readyz", siteConfig.GetProperty("healthCheckPath").GetString());
        Assert.Equal("1.2", siteConfig.GetProperty("minTlsVersion").GetString());
        Assert.Equal("UserAssigned", site.GetProperty("identity").GetProperty("type").GetString());

        var bot = Resource(resources, "Microsoft.BotService/botServices");
        Assert.Equal("azurebot", bot.GetProperty("kind").GetString());
        var botProperties = bot.GetProperty("properties");
        Assert.Equal("UserAssignedMSI", botProperties.GetProperty("msaAppType").GetString());
        Assert.Contains("clientId", botProperties.GetProperty("msaAppId").GetString(), StringComparison.Ordinal);
        Assert.Contains("/api/messages", botProperties.GetProperty("endpoint").GetString(), StringComparison.Ordinal);
        Assert.Contains("'MsTeamsChannel'", text, StringComparison.Ordinal);
        Assert.Contains("'DirectLineChannel'", text, StringComparison.Ordinal);

        // The host reads these exact keys (README, Configuration).
        foreach (var setting in new[] { "MicrosoftAppType", "MicrosoftAppId", "MicrosoftAppTenantId", "CaaBot__DataDirectory", "WEBSITES_PORT" })
        {
            Assert.Contains($"'{setting}'", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Dockerfile_RunsAsNonRootPublishesWithTheCheckedScriptAndProbesWithTheAppItself()
    {
        var lines = (await File.ReadAllLinesAsync(Path.Combine(DeployFolder, "Dockerfile"))).Select(line => line.Trim()).ToList();
        var runtime = lines.FindLastIndex(line => line.StartsWith("FROM ", StringComparison.Ordinal));

        Assert.StartsWith("FROM mcr.microsoft.com/dotnet/aspnet:10.0", lines[runtime], StringComparison.Ordinal);
        Assert.Contains(lines, line => line == "RUN bash deploy/publish.sh /app");
        var final = lines[runtime..];
        Assert.Contains(final, line => line == "USER $APP_UID");
        Assert.Contains(final, line => line.StartsWith("ENV ASPNETCORE_URLS=http://+:8080", StringComparison.Ordinal));
        Assert.Contains(final, line => line.Contains("CaaBot__DataDirectory=/data", StringComparison.Ordinal));
        var probe = string.Join(' ', final.SkipWhile(line => !line.StartsWith("HEALTHCHECK", StringComparison.Ordinal)).Take(2));
        Assert.Contains("\"healthcheck\"", probe, StringComparison.Ordinal);
        Assert.Contains("http://127.0.0.1:8080/readyz", probe, StringComparison.Ordinal);
        Assert.DoesNotContain(final, line => !line.StartsWith('#') && line.Contains("curl", StringComparison.Ordinal));
    }

    private static JsonElement Resource(JsonElement resources, string type) =>
        (resources.ValueKind == JsonValueKind.Object ? resources.EnumerateObject().Select(entry => entry.Value) : resources.EnumerateArray())
        .Single(resource => resource.GetProperty("type").GetString() == type);

    private static async Task<JsonElement> CompileAsync()
    {
        var (exitCode, output, errors) = await RunBicepAsync("build", Path.Combine(DeployFolder, "main.bicep"), "--stdout");
        Assert.True(exitCode == 0, errors);
        using var document = JsonDocument.Parse(output);
        return document.RootElement.Clone();
    }

    private static async Task<(int ExitCode, string Output, string Errors)> RunBicepAsync(params string[] args)
    {
        var bicep = typeof(DeployTemplateTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(attribute => attribute.Key == "BicepPath").Value!;
        Assert.True(File.Exists(bicep), $"The Bicep compiler is missing at {bicep} (restored by the test project's PackageDownload).");
        // NuGet does not keep the executable bit of package files. (The package is the linux-x64 build, like every machine here.)
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(bicep, File.GetUnixFileMode(bicep) | UnixFileMode.UserExecute);
        }
        var start = new ProcessStartInfo(bicep) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // No telemetry and no update checks: the compiler must work without a network.
        start.Environment["BICEP_TELEMETRY_ENABLED"] = "false";
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await errors);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CaaBot.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No CaaBot.sln above {AppContext.BaseDirectory}.");
    }
}
