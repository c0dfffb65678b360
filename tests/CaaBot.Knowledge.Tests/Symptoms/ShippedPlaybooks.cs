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

    // TEMPORARY: a minimal front-matter reader until wip/loader is merged; then this calls the real loader.
    public static Task<IReadOnlyList<Playbook>> LoadAsync(CancellationToken cancellationToken)
    {
        var list = new List<Playbook>();
        foreach (var path in Directory.GetFiles(Folder, "*.md").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            if (name.StartsWith('_') || name.StartsWith("README", StringComparison.Ordinal))
            {
                continue;
            }

            var lines = File.ReadAllLines(path);
            var end = Array.IndexOf(lines, "---", 1);
            string Field(string key) => lines.Take(end).Where(l => l.StartsWith(key + ":", StringComparison.Ordinal))
                .Select(l => l[(key.Length + 1)..].Trim().Trim('"')).FirstOrDefault() ?? string.Empty;
            var symptoms = lines.Take(end).SkipWhile(l => l != "symptoms:").Skip(1).TakeWhile(l => l.StartsWith("  - ", StringComparison.Ordinal))
                .Select(l => l[4..].Trim().Trim('"')).ToList();
            var platforms = Field("platforms").Trim('[', ']').Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(p => Enum.Parse<PlaybookPlatform>(p, ignoreCase: true)).ToList();
            var body = lines.Skip(end + 1).ToList();
            var intro = string.Join('\n', body.TakeWhile(l => !l.StartsWith("## Step", StringComparison.Ordinal)).Where(l => !l.StartsWith("# ", StringComparison.Ordinal)));
            var steps = body.Where(l => l.StartsWith("## Step: ", StringComparison.Ordinal) && !l.StartsWith("## Step: @", StringComparison.Ordinal))
                .Select((l, i) => new PlaybookStep("s" + i, l[9..], [], StepPerformer.User, null, [], null, 0)).ToList();
            list.Add(new Playbook(Path.GetFileNameWithoutExtension(path), Field("code"), [], Field("title"), Field("summary"), intro,
                platforms, symptoms, new PlaybookEscalation("identity", "normal", []), [], steps, path));
        }

        return Task.FromResult<IReadOnlyList<Playbook>>(list);
    }
}
