namespace CaaBot.Bot.Dialogs;

/// <summary>Why the bot is handing over; decides the opening line of the escalation.</summary>
public enum EscalationReason
{
    AskedForPerson,
    StepsExhausted,
    NoGuide,
    AdminOnly,
    NotUnderstood,
}
