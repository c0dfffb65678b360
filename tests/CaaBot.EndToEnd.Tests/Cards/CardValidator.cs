using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using CaaBot.EndToEnd.Tests.Infrastructure;

namespace CaaBot.EndToEnd.Tests.Cards;

/// <summary>Runs tests/e2e-clients/validate-cards.js (the official adaptivecards renderer under jsdom) over a batch of cards.</summary>
internal static class CardValidator
{
    public static async Task<CardValidationReport> ValidateAsync(IReadOnlyList<JsonElement> cards, CancellationToken cancellationToken)
    {
        var script = Path.Combine(TestPaths.E2eClientsDirectory, "validate-cards.js");
        foreach (var required in new[] { "adaptivecards/dist/adaptivecards.js", "jsdom/package.json" })
        {
            if (!File.Exists(Path.Combine(TestPaths.E2eClientsDirectory, "node_modules", required)))
            {
                throw new InvalidOperationException(
                    $"The Adaptive Cards renderer is not installed (node_modules/{required} is missing). "
                    + $"Run `{TestPaths.SetupCommand}` from the repository root, then run the end-to-end tests again.");
            }
        }

        var input = Path.Combine(Path.GetTempPath(), $"caabot-cards-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(input, JsonSerializer.Serialize(cards), cancellationToken);
        try
        {
            var startInfo = new ProcessStartInfo("node")
            {
                WorkingDirectory = TestPaths.E2eClientsDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            startInfo.ArgumentList.Add(script);
            startInfo.ArgumentList.Add(input);
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
            if (process.ExitCode is not (0 or 1))
            {
                throw new InvalidOperationException($"validate-cards.js failed with exit code {process.ExitCode}:{Environment.NewLine}{await stderr}{output}");
            }

            return new CardValidationReport(JsonNode.Parse(output)!.AsObject(), output);
        }
        finally
        {
            File.Delete(input);
        }
    }
}
