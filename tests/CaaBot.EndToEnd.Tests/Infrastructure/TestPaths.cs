using System.Reflection;

namespace CaaBot.EndToEnd.Tests.Infrastructure;

/// <summary>Where the build put the things the tests start (recorded as assembly metadata by the project file).</summary>
internal static class TestPaths
{
    public const string SetupCommand = "npm ci --prefix tests/e2e-clients";

    /// <summary>The host's own build output, so it runs with its appsettings.json and deps file.</summary>
    public static string CaaBotWebAssembly => Metadata("CaaBotWebAssembly");

    /// <summary>tests/e2e-clients: the node package that holds the real clients.</summary>
    public static string E2eClientsDirectory => Metadata("E2eClientsDirectory");

    /// <summary>The Playground's launcher; missing until the setup command has been run.</summary>
    public static string AgentsPlaygroundLauncher
    {
        get
        {
            var launcher = Path.Combine(E2eClientsDirectory, "node_modules", ".bin", OperatingSystem.IsWindows() ? "agentsplayground.cmd" : "agentsplayground");
            return File.Exists(launcher)
                ? launcher
                : throw new InvalidOperationException(
                    $"The Microsoft 365 Agents Playground is not installed ({launcher} is missing). "
                    + $"Run `{SetupCommand}` from the repository root, then run the end-to-end tests again.");
        }
    }

    /// <summary>The dotnet muxer running these tests, so the host runs on the same SDK/runtime.</summary>
    public static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath)
            ? hostPath
            : Environment.ProcessPath is { } processPath && Path.GetFileNameWithoutExtension(processPath) == "dotnet"
                ? processPath
                : "dotnet";

    private static string Metadata(string key) =>
        typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(attribute => attribute.Key == key)?.Value is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"The test assembly lacks the '{key}' metadata; build it with `dotnet build tests/CaaBot.EndToEnd.Tests`.");
}
