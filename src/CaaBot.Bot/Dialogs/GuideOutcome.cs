namespace CaaBot.Bot.Dialogs;

public enum GuideOutcome
{
    InProgress,

    /// <summary>A step fixed it and the user confirmed they can sign in.</summary>
    Fixed,

    /// <summary>Every step was tried (or skipped) and Teams still fails.</summary>
    StepsExhausted,

    /// <summary>The user chose "I need a person".</summary>
    AskedForPerson,

    /// <summary>The user's answers could not be understood several times in a row.</summary>
    GaveUp,

    /// <summary>The guide was removed from the playbook folder mid-flow.</summary>
    GuideRemoved,
}
