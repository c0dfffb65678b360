namespace CaaBot.Bot.Dialogs;

public enum TriageOutcome
{
    Undecided,

    /// <summary>A guide was chosen (<see cref="TriageState.PlaybookId"/>).</summary>
    Playbook,

    /// <summary>No guide fits what the user described.</summary>
    NoMatch,

    /// <summary>The user wants a person rather than a guide.</summary>
    WantsPerson,
}
