using System.Diagnostics;

namespace CaaBot.EndToEnd.Tests.Infrastructure;

/// <summary>Runs one of the scripts in tests/e2e-clients with node and returns what it printed.</summary>
internal static class NodeScript
{
    /// <summary>Fails with the setup command in the message when one of <paramref name="requiredModuleFiles"/> is not installed.</summary>
    public static void EnsureInstalled(string what, params string[] requiredModuleFiles)
    {
        foreach (var required in requiredModuleFiles)
        {
            if (!File.Exists(Path.Combine(TestPaths.E2eClientsDirectory, "node_modules", required)))
            {
                throw new InvalidOperationException(
                    $"{what} is not installed (node_modules/{required} is missing). "
                    + $"Run `{TestPaths.SetupCommand}` from the repository root, then run the end-to-end tests again.");
            }
        }
    }

    /// <summary>Runs <paramref name="script"/> with <paramref name="arguments"/>; exit codes outside <paramref name="acceptedExitCodes"/> throw with stderr.</summary>
    public static async Task<string> RunAsync(string script, IEnumerable<string> arguments, int[] acceptedExitCodes, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo("node")
        {
            WorkingDirectory = TestPaths.E2eClientsDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(Path.Combine(TestPaths.E2eClientsDirectory, script));
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("node did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var output = await stdout;
        return acceptedExitCodes.Contains(process.ExitCode)
            ? output
            : throw new InvalidOperationException($"{script} failed with exit code {process.ExitCode}:{Environment.NewLine}{await stderr}{output}");
    }
}
