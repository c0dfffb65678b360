namespace CaaBot.Architecture.Tests;

public sealed class LayerDependencyTests
{
    public static TheoryData<string> SourceProjectNames() => [.. SolutionLayout.SourceProjects().Select(SolutionLayout.NameOf)];

    public static TheoryData<string> TestProjectPaths() => [.. SolutionLayout.TestProjects()];

    [Fact]
    public void SourceProjects_AllFoundationLayers_Exist()
    {
        var names = SolutionLayout.SourceProjects().Select(SolutionLayout.NameOf).ToHashSet();

        Assert.Superset(new HashSet<string> { "CaaBot.Protocol", "CaaBot.Storage", "CaaBot.Conversations", "CaaBot.Conversations.Testing", "CaaBot.Web" }, names);
    }

    [Theory]
    [MemberData(nameof(SourceProjectNames))]
    public void SourceProject_References_OnlyLayersTheDesignAllows(string projectName)
    {
        Assert.True(
            LayerRules.AllowedReferences.TryGetValue(projectName, out var allowed),
            $"{projectName} is not in the layer table (LayerRules.cs); add it there with the references DESIGN.md allows.");

        var path = SolutionLayout.SourceProjects().Single(p => SolutionLayout.NameOf(p) == projectName);
        var forbidden = SolutionLayout.ProjectReferencesOf(path).Except(allowed).ToArray();

        Assert.True(forbidden.Length == 0, $"{projectName} references {string.Join(", ", forbidden)}, which the layer picture forbids.");
    }

    [Theory]
    [MemberData(nameof(SourceProjectNames))]
    public void SourceProject_TransitiveReferences_NeverReachAHigherLayer(string projectName)
    {
        // Direct references are checked above; this catches a cycle or a lower layer reaching up indirectly.
        var reachable = Closure(projectName);

        Assert.DoesNotContain(projectName, reachable);
        Assert.All(reachable, reached => Assert.True(
            LayerRules.AllowedReferences.ContainsKey(reached),
            $"{projectName} reaches {reached}, which is not a known layer."));
    }

    [Theory]
    [MemberData(nameof(TestProjectPaths))]
    public void TestProject_References_ItsSubjectAndTestingPackageOnly(string testProjectPath)
    {
        var name = SolutionLayout.NameOf(testProjectPath);
        if (!name.EndsWith(".Tests", StringComparison.Ordinal) || name is "CaaBot.Architecture.Tests" or "CaaBot.EndToEnd.Tests")
        {
            return;
        }

        var subject = name[..^".Tests".Length];
        Assert.True(LayerRules.AllowedReferences.TryGetValue(subject, out var subjectAllowed), $"{name} tests {subject}, which is not a known layer.");
        string[] allowed = [subject, .. subjectAllowed, .. LayerRules.AllowedForEveryTestProject];

        var forbidden = SolutionLayout.ProjectReferencesOf(testProjectPath).Except(allowed).ToArray();

        Assert.True(forbidden.Length == 0, $"{name} references {string.Join(", ", forbidden)}; a test project reaches only its subject's layers.");
    }

    [Fact]
    public void LayerRules_ForbiddenEdge_IsDetected()
    {
        // Guards the checker itself: Protocol → Storage is not an allowed edge.
        Assert.DoesNotContain("CaaBot.Storage", LayerRules.AllowedReferences["CaaBot.Protocol"]);
        Assert.DoesNotContain("CaaBot.Web", LayerRules.AllowedReferences.Values.SelectMany(v => v));
    }

    private static HashSet<string> Closure(string projectName)
    {
        var byName = SolutionLayout.SourceProjects().ToDictionary(SolutionLayout.NameOf);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(byName.TryGetValue(projectName, out var start) ? SolutionLayout.ProjectReferencesOf(start) : []);
        while (pending.TryPop(out var next))
        {
            if (seen.Add(next) && byName.TryGetValue(next, out var path))
            {
                foreach (var reference in SolutionLayout.ProjectReferencesOf(path))
                {
                    pending.Push(reference);
                }
            }
        }

        return seen;
    }
}
