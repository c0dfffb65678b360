namespace CaaBot.Conversations.Dialogs;

/// <summary>A stored dialog stack no longer fits the deployed dialogs; the runner restarts the conversation with an apology.</summary>
internal sealed class DialogStateMismatchException : Exception
{
    public DialogStateMismatchException(string reason)
        : base(reason)
    {
    }

    public DialogStateMismatchException(string reason, Exception innerException)
        : base(reason, innerException)
    {
    }
}
