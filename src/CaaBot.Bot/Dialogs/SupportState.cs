namespace CaaBot.Bot.Dialogs;

/// <summary>The support conversation's own state: why it started and why it is escalating, if it is.</summary>
public sealed record SupportState(SupportIntent Intent)
{
    public EscalationReason? EscalationReason { get; init; }
}
