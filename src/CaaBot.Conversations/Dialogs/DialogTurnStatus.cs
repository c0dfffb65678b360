namespace CaaBot.Conversations.Dialogs;

/// <summary>Where the dialog stack stands after a call.</summary>
public enum DialogTurnStatus
{
    /// <summary>Nothing was running.</summary>
    Empty,

    /// <summary>A dialog is waiting for the user's next message.</summary>
    Waiting,

    /// <summary>The last dialog on the stack finished.</summary>
    Complete,

    /// <summary>The stack was cancelled.</summary>
    Cancelled,
}
