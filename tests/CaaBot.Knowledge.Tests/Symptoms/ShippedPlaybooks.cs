using CaaBot.Knowledge.Playbooks;

namespace CaaBot.Knowledge.Tests.Symptoms;

/// <summary>The playbooks that ship with the bot, read from the repository.</summary>
internal static class ShippedPlaybooks
{
    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "CaaBot.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("CaaBot.sln not found above " + AppContext.BaseDirectory);
        }
    }

    public static string Folder => Path.Combine(RepositoryRoot, "src", "CaaBot.Knowledge", "playbooks");

    /// <summary>Loads the shipped folder with the real loader; a playbook that fails to load fails the test.</summary>
    public static async Task<IReadOnlyList<Playbook>> LoadAsync(CancellationToken cancellationToken)
    {
        var result = await new PlaybookLoader().LoadAsync(Folder, cancellationToken);
        if (result.HasErrors)
        {
            throw new InvalidOperationException("shipped playbooks have errors: " + string.Join("; ", result.Diagnostics.Where(d => d.IsError)));
        }

        return result.Playbooks;
    }
}
