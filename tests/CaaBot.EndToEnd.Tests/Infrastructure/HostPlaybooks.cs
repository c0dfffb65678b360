using CaaBot.Knowledge.Playbooks;

namespace CaaBot.EndToEnd.Tests.Infrastructure;

/// <summary>The playbooks the host process serves (its build output's <c>playbooks</c> folder), so tests expect what it shows.</summary>
internal static class HostPlaybooks
{
    public static async Task<IReadOnlyList<PlaybookStep>> UserStepsAsync(string playbookId, PlaybookPlatform platform, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetDirectoryName(TestPaths.CaaBotWebAssembly)!, "playbooks");
        var loaded = await new PlaybookLoader().LoadAsync(folder, cancellationToken);
        var playbook = loaded.Playbooks.SingleOrDefault(candidate => candidate.Id == playbookId)
            ?? throw new InvalidOperationException($"The host's playbook folder {folder} has no loadable playbook '{playbookId}'.");
        return playbook.UserStepsFor(platform);
    }
}
