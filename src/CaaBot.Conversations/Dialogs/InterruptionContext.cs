using CaaBot.Conversations.Turns;

namespace CaaBot.Conversations.Dialogs;

/// <summary>What an <see cref="Interruption"/> can do with the conversation it interrupts.</summary>
public sealed class InterruptionContext
{
    private readonly Dialog _rootDialog;

    internal InterruptionContext(DialogContext dialogs, Dialog rootDialog) => (Dialogs, _rootDialog) = (dialogs, rootDialog);

    public ITurnContext Context => Dialogs.Context;

    public DialogContext Dialogs { get; }

    public bool HasActiveDialog => Dialogs.StackDepth > 0;

    /// <summary>Asks the interrupted question again and keeps waiting for its answer.</summary>
    public async Task<DialogTurnResult> RepromptAsync(CancellationToken cancellationToken)
    {
        if (!HasActiveDialog)
        {
            return DialogTurnResult.Empty;
        }

        await Dialogs.RepromptDialogAsync(cancellationToken);
        return DialogTurnResult.Waiting;
    }

    /// <summary>Drops everything in progress.</summary>
    public DialogTurnResult CancelAll() => Dialogs.CancelAllDialogs();

    /// <summary>Drops everything in progress and begins the root dialog afresh.</summary>
    public Task<DialogTurnResult> RestartAsync(CancellationToken cancellationToken) => RestartAsync(null, cancellationToken);

    /// <summary>Drops everything in progress and begins the root dialog with <paramref name="options"/> (e.g. "go straight to escalation").</summary>
    public Task<DialogTurnResult> RestartAsync(object? options, CancellationToken cancellationToken)
    {
        Dialogs.CancelAllDialogs();
        return Dialogs.BeginDialogAsync(_rootDialog, options, cancellationToken);
    }

    /// <summary>Lets the active dialog have the message after all, as if there had been no interruption.</summary>
    public Task<DialogTurnResult> PassToActiveDialogAsync(CancellationToken cancellationToken) =>
        HasActiveDialog ? Dialogs.ContinueDialogAsync(cancellationToken) : Task.FromResult(DialogTurnResult.Empty);
}
