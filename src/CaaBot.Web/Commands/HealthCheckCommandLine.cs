namespace CaaBot.Web.Commands;

/// <summary>
/// <c>healthcheck [--url &lt;address&gt;] [--timeout &lt;seconds&gt;]</c>: asks a running host's <c>/readyz</c> and exits 0 when it
/// answers 200, 1 otherwise. It is the container's <c>HEALTHCHECK</c>, so the runtime image needs no curl or wget.
/// Runs before the web host is built, like <c>kb</c>.
/// </summary>
public static class HealthCheckCommandLine
{
    public const int Healthy = 0;
    public const int Unhealthy = 1;
    public const int UsageError = 2;

    /// <summary>Probed on 127.0.0.1 at the port <c>ASPNETCORE_HTTP_PORTS</c> names (else 8080) unless <c>--url</c> says otherwise.</summary>
    public const string DefaultPath = "/readyz";

    private const string Usage = """
        Usage: CaaBot.Web healthcheck [--url <address>] [--timeout <seconds>]

        GETs <address> (default: http://127.0.0.1:<ASPNETCORE_HTTP_PORTS or 8080>/readyz) and exits 0 when it
        answers 200, 1 on any other answer, a refused connection or a time-out (default 5 seconds).
        """;

    public static Task<int?> TryRunAsync(string[] args, CancellationToken cancellationToken = default) =>
        TryRunAsync(args, Console.Out, Console.Error, Environment.GetEnvironmentVariable("ASPNETCORE_HTTP_PORTS"), cancellationToken);

    internal static async Task<int?> TryRunAsync(string[] args, TextWriter output, TextWriter error, string? httpPorts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args.Length == 0 || !string.Equals(args[0], "healthcheck", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (args is [_, "help" or "--help" or "-h"])
        {
            await output.WriteLineAsync(Usage);
            return Healthy;
        }

        if (!TryParse(args[1..], httpPorts, out var url, out var timeout, out var problem))
        {
            await error.WriteLineAsync(problem);
            await error.WriteLineAsync(Usage);
            return UsageError;
        }

        using var client = new HttpClient { Timeout = timeout };
        try
        {
            using var response = await client.GetAsync(url, cancellationToken);
            var healthy = response.StatusCode == System.Net.HttpStatusCode.OK;
            await (healthy ? output : error).WriteLineAsync($"{url}: {(int)response.StatusCode} {response.ReasonPhrase}");
            return healthy ? Healthy : Unhealthy;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            await error.WriteLineAsync($"{url}: {(exception is TaskCanceledException ? "no answer within " + timeout.TotalSeconds + " s" : exception.Message)}");
            return Unhealthy;
        }
    }

    private static bool TryParse(string[] args, string? httpPorts, out Uri url, out TimeSpan timeout, out string problem)
    {
        var port = (httpPorts ?? string.Empty).Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "8080";
        url = new Uri($"http://127.0.0.1:{port}{DefaultPath}");
        timeout = TimeSpan.FromSeconds(5);
        problem = string.Empty;
        for (var index = 0; index < args.Length; index++)
        {
            var value = index + 1 < args.Length ? args[index + 1] : null;
            switch (args[index])
            {
                case "--url" when value is not null && Uri.TryCreate(value, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https":
                    url = parsed;
                    index++;
                    break;
                case "--timeout" when value is not null && double.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds > 0:
                    timeout = TimeSpan.FromSeconds(seconds);
                    index++;
                    break;
                default:
                    problem = $"Unknown or incomplete option '{args[index]}'.";
                    return false;
            }
        }

        return true;
    }
}
