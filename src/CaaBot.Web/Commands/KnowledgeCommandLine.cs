using System.Globalization;
using CaaBot.Knowledge.Playbooks;

namespace CaaBot.Web.Commands;

/// <summary>
/// The <c>kb</c> commands for playbook authors, run before the web host is built so they work from
/// <c>dotnet run -- kb lint</c> and on the published dll without opening a port or a database.
/// </summary>
public static class KnowledgeCommandLine
{
    public const int Success = 0;
    public const int LintFailed = 1;
    public const int UsageError = 2;

    private const string Usage = """
        Usage: CaaBot.Web kb <command>

        Commands:
          lint [folder]   Check every playbook in the folder and report each problem as
                          path:line: error|warning: message. Exits 1 when there are errors.
                          Default folder: CaaBot:Knowledge:PlaybookFolder if set, else the shipped playbooks.
          help            Show this text.
        """;

    /// <summary>Runs a <c>kb</c> command and returns its exit code, or null when <paramref name="args"/> is not a <c>kb</c> command.</summary>
    public static Task<int?> TryRunAsync(string[] args, CancellationToken cancellationToken = default) =>
        TryRunAsync(args, Console.Out, Console.Error, Directory.GetCurrentDirectory(), cancellationToken);

    internal static async Task<int?> TryRunAsync(
        string[] args,
        TextWriter output,
        TextWriter error,
        string currentDirectory,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length == 0 || !string.Equals(args[0], "kb", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        switch (args.Skip(1).ToArray())
        {
            case ["lint"]:
                return await LintAsync(ConfiguredFolder(currentDirectory), output, currentDirectory, cancellationToken);
            case ["lint", var folder] when !folder.StartsWith('-'):
                var (resolved, baseDirectory) = ResolveArgument(folder, currentDirectory);
                return await LintAsync(resolved, output, baseDirectory, cancellationToken);
            case ["help" or "--help" or "-h"]:
                await output.WriteLineAsync(Usage);
                return Success;
            default:
                await error.WriteLineAsync(args.Length > 1 ? $"Unknown kb command: {string.Join(' ', args.Skip(1))}" : "Missing kb command.");
                await error.WriteLineAsync(Usage);
                return UsageError;
        }
    }

    private static async Task<int> LintAsync(string folder, TextWriter output, string displayBase, CancellationToken cancellationToken)
    {
        var result = await new PlaybookLoader().LoadAsync(folder, cancellationToken);
        foreach (var diagnostic in result.Diagnostics)
        {
            await output.WriteLineAsync(diagnostic.Format(DisplayPath(diagnostic.FilePath, displayBase)));
        }

        await output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"kb lint: {DisplayPath(result.Folder, displayBase)}: {result.PlaybookFiles.Count} playbook file(s), {result.Playbooks.Count} loaded, {result.ErrorCount} error(s), {result.WarningCount} warning(s)"));
        return result.HasErrors ? LintFailed : Success;
    }

    /// <summary>
    /// A folder as the author typed it. <c>dotnet run</c> starts web projects in the project folder, so a
    /// path relative to the author's shell (POSIX shells pass it on as <c>PWD</c>) is tried as well.
    /// </summary>
    private static (string Folder, string BaseDirectory) ResolveArgument(string folder, string currentDirectory)
    {
        var resolved = Path.GetFullPath(folder, currentDirectory);
        if (Directory.Exists(resolved) || Path.IsPathRooted(folder))
        {
            return (resolved, currentDirectory);
        }

        var shellDirectory = Environment.GetEnvironmentVariable("PWD");
        if (!string.IsNullOrEmpty(shellDirectory) && Path.IsPathRooted(shellDirectory)
            && Path.GetFullPath(folder, shellDirectory) is var fromShell && Directory.Exists(fromShell))
        {
            return (fromShell, shellDirectory);
        }

        return (resolved, currentDirectory);
    }

    /// <summary>Same folder the bot would serve: appsettings.json next to the app, then environment variables.</summary>
    private static string ConfiguredFolder(string currentDirectory)
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
        var configured = configuration[$"{PlaybookCatalogOptions.SectionName}:{nameof(PlaybookCatalogOptions.PlaybookFolder)}"];
        return string.IsNullOrWhiteSpace(configured)
            ? PlaybookCatalogOptions.ShippedFolder
            : Path.GetFullPath(configured, currentDirectory);
    }

    /// <summary>Paths under the current directory are shown relative, as compilers do, so editors can open them.</summary>
    private static string DisplayPath(string path, string currentDirectory)
    {
        var relative = Path.GetRelativePath(currentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
    }
}
