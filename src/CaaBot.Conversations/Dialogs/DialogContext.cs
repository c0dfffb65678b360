using CaaBot.Conversations.Turns;

namespace CaaBot.Conversations.Dialogs;

/// <summary>A dialog stack being worked on during one turn: begin, continue, end and cancel dialogs.</summary>
public sealed class DialogContext
{
    internal DialogContext(DialogSet dialogs, ITurnContext turnContext, List<DialogInstance> stack, DialogContext? parent)
    {
        Dialogs = dialogs;
        Context = turnContext;
        Stack = stack;
        Parent = parent;
    }

    public ITurnContext Context { get; }

    public DialogSet Dialogs { get; }

    /// <summary>The enclosing stack, when this is the inner stack of a component dialog.</summary>
    public DialogContext? Parent { get; }

    /// <summary>The dialog waiting for the user, or null when the stack is empty.</summary>
    public Dialog? ActiveDialog => Stack.Count == 0 ? null : Resolve(Stack[^1]);

    public int StackDepth => Stack.Count;

    internal List<DialogInstance> Stack { get; }

    internal DialogInstance ActiveInstance =>
        Stack.Count > 0 ? Stack[^1] : throw new InvalidOperationException("No dialog is active.");

    /// <summary>Pushes <paramref name="dialog"/> and starts it.</summary>
    public Task<DialogTurnResult> BeginDialogAsync(Dialog dialog, object? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dialog);
        if (!Dialogs.Contains(dialog))
        {
            throw new InvalidOperationException($"Dialog '{dialog.Id}' is not registered here; add it to the dialog set (or declare it as a dependency).");
        }

        Stack.Add(new DialogInstance { Id = dialog.Id, Version = dialog.Version });
        return dialog.BeginDialogAsync(this, options, cancellationToken);
    }

    /// <summary>Hands the incoming activity to the active dialog.</summary>
    public Task<DialogTurnResult> ContinueDialogAsync(CancellationToken cancellationToken) =>
        Stack.Count == 0
            ? Task.FromResult(DialogTurnResult.Empty)
            : Resolve(Stack[^1]).ContinueDialogAsync(this, cancellationToken);

    /// <summary>Asks the active dialog to repeat its question.</summary>
    public Task RepromptDialogAsync(CancellationToken cancellationToken) =>
        Stack.Count == 0 ? Task.CompletedTask : Resolve(Stack[^1]).RepromptDialogAsync(this, cancellationToken);

    /// <summary>Ends the active dialog without a result and resumes its parent.</summary>
    public Task<DialogTurnResult> EndDialogAsync(CancellationToken cancellationToken) => EndActiveDialogAsync(null, cancellationToken);

    /// <summary>Ends the active dialog and starts <paramref name="dialog"/> in its place (its parent is not resumed).</summary>
    public Task<DialogTurnResult> ReplaceDialogAsync(Dialog dialog, object? options, CancellationToken cancellationToken)
    {
        if (Stack.Count > 0)
        {
            Stack.RemoveAt(Stack.Count - 1);
        }

        return BeginDialogAsync(dialog, options, cancellationToken);
    }

    /// <summary>Empties the stack.</summary>
    public DialogTurnResult CancelAllDialogs()
    {
        if (Stack.Count == 0)
        {
            return DialogTurnResult.Empty;
        }

        Stack.Clear();
        return DialogTurnResult.Cancelled;
    }

    internal async Task<DialogTurnResult> EndActiveDialogAsync(object? value, CancellationToken cancellationToken)
    {
        var ended = ActiveInstance;
        Stack.RemoveAt(Stack.Count - 1);
        var result = new DialogResult(ended.Id, value);
        return Stack.Count == 0
            ? new DialogTurnResult(DialogTurnStatus.Complete, result)
            : await Resolve(Stack[^1]).ResumeDialogAsync(this, result, cancellationToken);
    }

    /// <summary>Checks every stored entry against the deployed dialogs before anything runs.</summary>
    internal void Validate() => Validate(Dialogs, Stack);

    internal static void Validate(DialogSet dialogs, IEnumerable<DialogInstance> stack)
    {
        foreach (var instance in stack)
        {
            var dialog = Resolve(dialogs, instance);
            if (!string.Equals(instance.Version, dialog.Version, StringComparison.Ordinal))
            {
                throw new DialogStateMismatchException($"dialog '{instance.Id}' was stored by version {instance.Version} but version {dialog.Version} is deployed");
            }

            dialog.ValidateStoredState(instance);
        }
    }

    private Dialog Resolve(DialogInstance instance) => Resolve(Dialogs, instance);

    private static Dialog Resolve(DialogSet dialogs, DialogInstance instance) =>
        dialogs.Find(instance.Id) ?? throw new DialogStateMismatchException($"dialog '{instance.Id}' no longer exists");
}
