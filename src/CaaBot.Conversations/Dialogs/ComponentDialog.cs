using CaaBot.Conversations.Serialization;

namespace CaaBot.Conversations.Dialogs;

/// <summary>
/// A dialog made of dialogs, with its own inner stack (stored inside its entry on the outer stack). Use it to
/// package a reusable flow, e.g. escalation, whose prompts and sub-waterfalls stay private to it.
/// </summary>
public abstract class ComponentDialog : Dialog
{
    private readonly DialogSet _dialogs = new();

    protected ComponentDialog(string id)
        : base(id)
    {
    }

    /// <summary>The inner dialog begun when the component begins (by default the first one added); its result is the component's result.</summary>
    protected Dialog? InitialDialog { get; set; }

    /// <summary>Registers an inner dialog. Call from the constructor.</summary>
    protected TDialog AddDialog<TDialog>(TDialog dialog)
        where TDialog : Dialog
    {
        _dialogs.Add(dialog);
        InitialDialog ??= dialog;
        return dialog;
    }

    protected internal override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dialogContext, object? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dialogContext);
        var outer = dialogContext.ActiveInstance;
        var initial = InitialDialog ?? throw new InvalidOperationException($"Component '{Id}' has no inner dialogs.");
        var inner = CreateInnerContext(dialogContext, []);
        var result = await inner.BeginDialogAsync(initial, options, cancellationToken);
        return await EndIfInnerFinishedAsync(dialogContext, outer, inner, result, cancellationToken);
    }

    protected internal override async Task<DialogTurnResult> ContinueDialogAsync(DialogContext dialogContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dialogContext);
        var outer = dialogContext.ActiveInstance;
        var inner = CreateInnerContext(dialogContext, ReadInnerStack(outer));
        var result = await inner.ContinueDialogAsync(cancellationToken);
        return await EndIfInnerFinishedAsync(dialogContext, outer, inner, result, cancellationToken);
    }

    protected internal override async Task RepromptDialogAsync(DialogContext dialogContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dialogContext);
        var outer = dialogContext.ActiveInstance;
        var inner = CreateInnerContext(dialogContext, ReadInnerStack(outer));
        await inner.RepromptDialogAsync(cancellationToken);
        outer.State = DialogStack.ToUtf8Bytes(inner.Stack);
    }

    internal override void ValidateStoredState(DialogInstance instance)
    {
        var stack = ReadInnerStack(instance);
        DialogContext.Validate(_dialogs, stack);
        instance.KeepValidated(stack);
    }

    private static List<DialogInstance> ReadInnerStack(DialogInstance instance) =>
        instance.TakeValidated<List<DialogInstance>>()
        ?? (instance.State is { } json ? DialogStack.Parse(json) : throw new DialogStateMismatchException($"dialog '{instance.Id}' has no stored state"));

    private DialogContext CreateInnerContext(DialogContext outer, List<DialogInstance> stack) => new(_dialogs, outer.Context, stack, outer);

    private static async Task<DialogTurnResult> EndIfInnerFinishedAsync(
        DialogContext outerContext, DialogInstance outer, DialogContext inner, DialogTurnResult result, CancellationToken cancellationToken)
    {
        outer.State = DialogStack.ToUtf8Bytes(inner.Stack);
        return result.Status switch
        {
            DialogTurnStatus.Complete => await outerContext.EndActiveDialogAsync(result.Result?.Value, cancellationToken),
            DialogTurnStatus.Cancelled or DialogTurnStatus.Empty => await outerContext.EndDialogAsync(cancellationToken),
            _ => DialogTurnResult.Waiting,
        };
    }
}
