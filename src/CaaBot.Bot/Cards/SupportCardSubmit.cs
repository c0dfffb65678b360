namespace CaaBot.Bot.Cards;

/// <summary>
/// What a click on any support card sends back (<c>Action.Submit</c> data merged with the card's inputs), read by
/// <c>CardSubmitPrompt&lt;SupportCardSubmit&gt;</c>; the prompt's own marker field travels alongside.
/// </summary>
/// <param name="Action">One of <see cref="SupportCardActions"/>.</param>
public sealed record SupportCardSubmit(string Action)
{
    public string? StepId { get; init; }

    public string? PlaybookId { get; init; }

    public int? Rating { get; init; }

    /// <summary>The case a card is about, on cards sent outside a dialog (the next-day check).</summary>
    public string? CaseId { get; init; }

    /// <summary>The consent toggle's value: <c>"true"</c> or <c>"false"</c> (inputs submit strings).</summary>
    public string? Consent { get; init; }

    public string? ContactEmail { get; init; }

    public string? ContactPhone { get; init; }

    public bool HasConsent => string.Equals(Consent, "true", StringComparison.OrdinalIgnoreCase);
}
