namespace CaaBot.Helpdesk.Tickets;

/// <summary>One fix step the user went through, with what happened and when.</summary>
public sealed record TicketStep(string StepId, string Title, TicketStepOutcome Outcome, DateTimeOffset At);
