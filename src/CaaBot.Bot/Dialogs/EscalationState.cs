namespace CaaBot.Bot.Dialogs;

/// <summary>The escalation in progress; <see cref="TicketNumber"/> is set once the ticket exists.</summary>
public sealed record EscalationState(EscalationReason Reason)
{
    public string? TicketNumber { get; init; }
}
