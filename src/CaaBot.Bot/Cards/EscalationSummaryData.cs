namespace CaaBot.Bot.Cards;

/// <summary>What the escalation summary shows before anything is sent to the helpdesk.</summary>
/// <param name="ErrorCode">The code as the user gave it (or normalised), null when they had none.</param>
/// <param name="Device">Where Teams fails, in words, e.g. "Windows PC, Teams desktop app".</param>
/// <param name="Notes">The user's own words; long notes are trimmed on the card (the ticket keeps them whole).</param>
/// <param name="ContactEmail">Prefills the optional contact field.</param>
/// <param name="ContactPhone">Prefills the optional contact field.</param>
public sealed record EscalationSummaryData(
    string? ErrorCode,
    string Device,
    string? PlaybookTitle,
    IReadOnlyList<TriedStep> StepsTried,
    string? Notes,
    string? ContactEmail = null,
    string? ContactPhone = null)
{
    /// <summary>Names of the files the user shared, which go with the ticket.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];
}
