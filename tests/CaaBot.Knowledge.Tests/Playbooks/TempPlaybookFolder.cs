namespace CaaBot.Knowledge.Tests.Playbooks;

/// <summary>A throw-away playbook folder for tests that write, edit and delete files.</summary>
internal sealed class TempPlaybookFolder : IDisposable
{
    public TempPlaybookFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "caabot-playbooks", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Write(string relativePath, string text)
    {
        var path = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public void Delete(string relativePath) => File.Delete(System.IO.Path.Combine(Path, relativePath));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A watcher may still hold the folder for a moment; the temp folder is cleaned eventually.
        }
    }

    /// <summary>A minimal valid playbook; <paramref name="stepTitle"/> lets tests tell revisions apart.</summary>
    public static string Playbook(string code, string stepTitle = "Restart Teams", string aliases = "[]") => $"""
        ---
        code: {code}
        aliases: {aliases}
        title: Teams error {code}
        summary: Something went wrong while signing in.
        platforms: [windows]
        symptoms: [teams will not sign in, sign in error, cannot sign in]
        escalation:
          group: identity
          when: [Still broken after every step]
        sources:
          - title: Docs
            url: https://learn.microsoft.com/microsoftteams/troubleshoot
        ---

        ## Step: {stepTitle}

        1. Quit Teams.
        2. Start Teams again.
        """;
}
