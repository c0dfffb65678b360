namespace CaaBot.Bot.Dialogs;

/// <summary>What the support dialog was started for.</summary>
public enum SupportIntent
{
    /// <summary>A new message: offer to resume, or triage it.</summary>
    Start,

    /// <summary>Continue the user's unfinished guide ("back" from the escalation, or "yes" to resuming).</summary>
    Resume,

    /// <summary>Go straight to the helpdesk ("agent" at any point).</summary>
    Escalate,
}
