namespace CaaBot.Architecture.Tests;

/// <summary>
/// The layer picture of DESIGN.md as data: for each project under src/, the projects it may reference
/// directly. A project missing from this table fails the tests, so a new layer is a conscious decision.
/// </summary>
internal static class LayerRules
{
    public static IReadOnlyDictionary<string, string[]> AllowedReferences { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["CaaBot.Protocol"] = [],
        ["CaaBot.Storage"] = [],
        ["CaaBot.Knowledge"] = [],
        ["CaaBot.Conversations"] = ["CaaBot.Protocol", "CaaBot.Storage"],
        ["CaaBot.Conversations.Testing"] = ["CaaBot.Conversations", "CaaBot.Protocol", "CaaBot.Storage"],
        ["CaaBot.Helpdesk"] = ["CaaBot.Protocol", "CaaBot.Storage"],
        ["CaaBot.DirectLine"] = ["CaaBot.Protocol", "CaaBot.Storage"],
        ["CaaBot.Bot"] = ["CaaBot.Conversations", "CaaBot.Knowledge", "CaaBot.Helpdesk", "CaaBot.Protocol"],
        ["CaaBot.Web"] = ["CaaBot.Bot", "CaaBot.DirectLine", "CaaBot.Storage", "CaaBot.Conversations", "CaaBot.Protocol", "CaaBot.Helpdesk", "CaaBot.Knowledge"],
    };

    /// <summary>Test projects may reference the project they test, the testing package, and what that project may reference.</summary>
    public static IReadOnlyList<string> AllowedForEveryTestProject { get; } = ["CaaBot.Conversations.Testing"];
}
