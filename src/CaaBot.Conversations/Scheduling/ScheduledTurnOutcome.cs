namespace CaaBot.Conversations.Scheduling;

public enum ScheduledTurnOutcome
{
    /// <summary>The turn ran and its messages were delivered (or it had nothing to say).</summary>
    Ran,

    /// <summary>Nobody is there any more (the user blocked or uninstalled the bot, the conversation is gone): drop it quietly.</summary>
    RecipientGone,

    /// <summary>It can never run (an untrusted or unknown channel address): give up and log.</summary>
    Impossible,
}
