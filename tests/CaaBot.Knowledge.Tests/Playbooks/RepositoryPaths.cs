namespace CaaBot.Knowledge.Tests.Playbooks;

/// <summary>Finds folders of the repository from the test output directory (walks up to <c>CaaBot.sln</c>).</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string ShippedPlaybooks => Path.Combine(Root, "src", "CaaBot.Knowledge", "playbooks");

    public static string Fixture(string name) => Path.Combine(Root, "tests", "CaaBot.Knowledge.Tests", "Playbooks", "Fixtures", name);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CaaBot.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"CaaBot.sln not found above {AppContext.BaseDirectory}");
    }
}
