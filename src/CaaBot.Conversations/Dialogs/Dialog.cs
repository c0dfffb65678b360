namespace CaaBot.Conversations.Dialogs;

/// <summary>
/// A piece of conversation that can span several turns. Instances are definitions (stateless, shared by all
/// conversations); what a conversation has done so far is stored on the dialog stack under <see cref="Id"/>.
/// </summary>
public abstract class Dialog
{
    protected Dialog(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        Id = id;
    }

    /// <summary>Identifies the dialog on stored stacks; keep it stable across deployments.</summary>
    public string Id { get; }

    /// <summary>
    /// Stamped on each stored stack entry. Change it when the dialog changes in a way stored conversations cannot
    /// follow; they then restart cleanly, with an apology, instead of resuming somewhere that no longer exists.
    /// </summary>
    public virtual string Version => "1";

    /// <summary>Dialogs this one starts (prompts, child dialogs); a <see cref="DialogSet"/> registers them with it.</summary>
    public virtual IEnumerable<Dialog> Dependencies => [];

    /// <summary>Starts the dialog; its stack entry is already pushed.</summary>
    protected internal abstract Task<DialogTurnResult> BeginDialogAsync(DialogContext dialogContext, object? options, CancellationToken cancellationToken);

    /// <summary>The user answered while this dialog was the active one.</summary>
    protected internal virtual Task<DialogTurnResult> ContinueDialogAsync(DialogContext dialogContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dialogContext);
        return dialogContext.EndDialogAsync(cancellationToken);
    }

    /// <summary>A dialog this one started has finished with <paramref name="childResult"/>.</summary>
    protected internal virtual Task<DialogTurnResult> ResumeDialogAsync(DialogContext dialogContext, DialogResult childResult, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dialogContext);
        return dialogContext.EndDialogAsync(cancellationToken);
    }

    /// <summary>Asks the user again (after "help", for instance). Most dialogs have nothing to repeat.</summary>
    protected internal virtual Task RepromptDialogAsync(DialogContext dialogContext, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Throws <see cref="DialogStateMismatchException"/> when a stored entry cannot be resumed by this dialog as deployed.</summary>
    internal virtual void ValidateStoredState(DialogInstance instance)
    {
    }
}
