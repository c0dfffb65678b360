using CaaBot.Knowledge.Playbooks;

namespace CaaBot.Bot.Dialogs;

/// <summary>What triage has found out so far; its final value is the triage result.</summary>
/// <param name="FirstMessage">The message that started the conversation, read before asking anything; null to start with the greeting.</param>
public sealed record TriageState(string? FirstMessage)
{
    public TriageRoute Route { get; init; } = TriageRoute.Undecided;

    /// <summary>Codes found in what the user typed, normalised; more than one means asking which.</summary>
    public IReadOnlyList<string> CodeCandidates { get; init; } = [];

    public string? Code { get; init; }

    public string? UserWords { get; init; }

    public PlaybookPlatform? Platform { get; init; }

    public string? PlaybookId { get; init; }

    public TriageOutcome Outcome { get; init; } = TriageOutcome.Undecided;
}
