using System.Xml.Linq;

namespace CaaBot.Architecture.Tests;

/// <summary>Reads the repository's project files: names and direct project references.</summary>
internal static class SolutionLayout
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static IEnumerable<string> SourceProjects() =>
        Directory.EnumerateFiles(Path.Combine(RepositoryRoot, "src"), "*.csproj", SearchOption.AllDirectories);

    public static IEnumerable<string> TestProjects() =>
        Directory.EnumerateFiles(Path.Combine(RepositoryRoot, "tests"), "*.csproj", SearchOption.AllDirectories);

    public static string NameOf(string projectPath) => Path.GetFileNameWithoutExtension(projectPath);

    public static IReadOnlyList<string> ProjectReferencesOf(string projectPath) =>
        XDocument.Load(projectPath)
            .Descendants("ProjectReference")
            .Select(reference => (string?)reference.Attribute("Include") ?? string.Empty)
            .Select(include => Path.GetFileNameWithoutExtension(include.Replace('\\', '/')))
            .ToArray();

    private static string FindRepositoryRoot()
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
