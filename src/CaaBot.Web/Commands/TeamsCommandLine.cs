using CaaBot.Web.Teams;

namespace CaaBot.Web.Commands;

/// <summary>
/// <c>teams package</c>: fills the bot's app id (and the organisation's details) into the Teams app manifest and writes
/// the installable <c>.zip</c>. Runs before the web host is built, like <c>kb</c>.
/// </summary>
public static class TeamsCommandLine
{
    public const int Success = 0;
    public const int UsageError = 2;

    private const string Usage = """
        Usage: CaaBot.Web teams package [options]

        Writes the Teams app package (manifest.json, color.png, outline.png) as a .zip to upload in
        the Teams admin center or Teams (Apps > Manage your apps > Upload an app).

        Options:
          --app-id <guid>          the bot's Microsoft App ID (default: the MicrosoftAppId environment variable)
          --teams-app-id <guid>    the Teams app's own id (default: the bot's app id)
          --version <x.y.z>        package version; raise it for every upload (default: the template's)
          --developer-name <name>  shown as the publisher (at most 32 characters)
          --website-url <https>    support page; also --privacy-url and --terms-url
          --domain <host>          a host the app may open, e.g. the bot's own (repeatable)
          --out <file>             where to write the package (default: caabot-teams-app.zip)
        """;

    public static Task<int?> TryRunAsync(string[] args, CancellationToken cancellationToken = default) =>
        TryRunAsync(args, Console.Out, Console.Error, Directory.GetCurrentDirectory(), Environment.GetEnvironmentVariable("MicrosoftAppId"), cancellationToken);

    internal static async Task<int?> TryRunAsync(
        string[] args, TextWriter output, TextWriter error, string currentDirectory, string? environmentAppId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length == 0 || !string.Equals(args[0], "teams", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (args is [_, "help" or "--help" or "-h"] || args.Length < 2 || !string.Equals(args[1], "package", StringComparison.OrdinalIgnoreCase))
        {
            var asked = args is [_, "help" or "--help" or "-h"];
            await (asked ? output : error).WriteLineAsync(Usage);
            return asked ? Success : UsageError;
        }

        if (!TryParse(args[2..], environmentAppId, currentDirectory, out var options, out var outputPath, out var problem))
        {
            await error.WriteLineAsync(problem);
            await error.WriteLineAsync(Usage);
            return UsageError;
        }

        try
        {
            var manifest = TeamsAppPackage.FillManifest(TeamsAppPackage.Template(), options);
            Directory.CreateDirectory(Path.GetDirectoryName(outputPath)!);
            await using (var file = File.Create(outputPath))
            {
                TeamsAppPackage.Write(manifest, file);
            }

            await output.WriteLineAsync($"Teams app package written to {outputPath} (bot {options.BotAppId:D}, version {(string?)manifest["version"]}).");
            return Success;
        }
        catch (ArgumentException exception)
        {
            await error.WriteLineAsync(exception.Message);
            return UsageError;
        }
    }

    private static bool TryParse(
        string[] args, string? environmentAppId, string currentDirectory, out TeamsAppPackageOptions options, out string outputPath, out string problem)
    {
        options = null!;
        outputPath = Path.Combine(currentDirectory, "caabot-teams-app.zip");
        problem = string.Empty;
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var domains = new List<string>();
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length || !args[i].StartsWith("--", StringComparison.Ordinal))
            {
                problem = $"Expected --option value, got '{args[i]}'.";
                return false;
            }

            if (string.Equals(args[i], "--domain", StringComparison.OrdinalIgnoreCase))
            {
                domains.Add(args[i + 1]);
            }
            else if (!values.TryAdd(args[i], args[i + 1]))
            {
                problem = $"{args[i]} given twice.";
                return false;
            }
        }

        string[] known = ["--app-id", "--teams-app-id", "--version", "--developer-name", "--website-url", "--privacy-url", "--terms-url", "--out"];
        if (values.Keys.FirstOrDefault(key => !known.Contains(key, StringComparer.OrdinalIgnoreCase)) is { } unknown)
        {
            problem = $"Unknown option {unknown}.";
            return false;
        }

        var appIdText = values.GetValueOrDefault("--app-id") ?? environmentAppId;
        if (!Guid.TryParse(appIdText, out var appId))
        {
            problem = appIdText is null
                ? "The bot's app id is needed: pass --app-id or set MicrosoftAppId."
                : $"'{appIdText}' is not an app id (a GUID).";
            return false;
        }

        Guid? teamsAppId = null;
        if (values.TryGetValue("--teams-app-id", out var teamsAppIdText))
        {
            if (!Guid.TryParse(teamsAppIdText, out var parsed))
            {
                problem = $"'{teamsAppIdText}' is not a Teams app id (a GUID).";
                return false;
            }

            teamsAppId = parsed;
        }

        if (!TryUrl(values, "--website-url", out var website, ref problem)
            || !TryUrl(values, "--privacy-url", out var privacy, ref problem)
            || !TryUrl(values, "--terms-url", out var terms, ref problem))
        {
            return false;
        }

        if (values.TryGetValue("--out", out var outValue))
        {
            outputPath = Path.GetFullPath(outValue, currentDirectory);
        }

        options = new TeamsAppPackageOptions
        {
            BotAppId = appId,
            TeamsAppId = teamsAppId,
            Version = values.GetValueOrDefault("--version"),
            DeveloperName = values.GetValueOrDefault("--developer-name"),
            WebsiteUrl = website,
            PrivacyUrl = privacy,
            TermsOfUseUrl = terms,
            ValidDomains = domains,
        };
        return true;
    }

    private static bool TryUrl(Dictionary<string, string> values, string option, out Uri? url, ref string problem)
    {
        url = null;
        if (!values.TryGetValue(option, out var text))
        {
            return true;
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out url))
        {
            return true;
        }

        problem = $"{option}: '{text}' is not an absolute address.";
        return false;
    }
}
