namespace CaaBot.Conversations.Dialogs;

/// <summary>A dialog that finishes with a <typeparamref name="TResult"/>, which its parent reads typed through <see cref="DialogResult.ValueOf{T}"/>.</summary>
public abstract class Dialog<TResult> : Dialog
{
    protected Dialog(string id)
        : base(id)
    {
    }

    /// <summary>Ends this dialog (the active one) and hands <paramref name="result"/> to its parent.</summary>
    protected static Task<DialogTurnResult> EndWithResultAsync(DialogContext dialogContext, TResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dialogContext);
        return dialogContext.EndActiveDialogAsync(result, cancellationToken);
    }
}
