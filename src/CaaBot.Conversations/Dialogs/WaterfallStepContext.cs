using System.Diagnostics.CodeAnalysis;
using CaaBot.Conversations.Prompts;
using CaaBot.Conversations.Turns;

namespace CaaBot.Conversations.Dialogs;

/// <summary>What a waterfall step works with: the turn, the dialog's typed state, and the typed result of the previous step's prompt.</summary>
public sealed class WaterfallStepContext<TState>
    where TState : class
{
    private readonly WaterfallDialog<TState> _waterfall;
    private readonly DialogInstance _instance;
    private readonly DialogResult? _childResult;
    private TState _state;

    internal WaterfallStepContext(
        WaterfallDialog<TState> waterfall, DialogContext dialogContext, DialogInstance instance, int index, string name, TState state, DialogResult? childResult)
    {
        (_waterfall, Dialogs, _instance, StepIndex, StepName, _state, _childResult) = (waterfall, dialogContext, instance, index, name, state, childResult);
    }

    public ITurnContext Context => Dialogs.Context;

    public DialogContext Dialogs { get; }

    public int StepIndex { get; }

    public string StepName { get; }

    /// <summary>The dialog's state. Replace it (<c>State = State with { … }</c>); it is stored at once.</summary>
    public TState State
    {
        get => _state;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            _state = value;
            _waterfall.Save(_instance, StepName, value);
        }
    }

    /// <summary>True when this step was reached because <paramref name="dialog"/> finished.</summary>
    public bool HasResultOf(Dialog dialog) => _childResult?.IsFrom(dialog) == true;

    /// <summary>The typed result of <paramref name="dialog"/> (a prompt gives a <see cref="PromptResult{T}"/>); throws if another dialog led here.</summary>
    public TResult ResultOf<TResult>(Dialog<TResult> dialog)
    {
        ArgumentNullException.ThrowIfNull(dialog);
        return _childResult is { } result
            ? result.ValueOf(dialog)
            : throw new InvalidOperationException($"Step '{StepName}' was not reached by '{dialog.Id}' finishing. Use TryGetResultOf when a previous step may skip its prompt.");
    }

    public bool TryGetResultOf<TResult>(Dialog<TResult> dialog, [MaybeNullWhen(false)] out TResult value)
    {
        value = default;
        return _childResult is { } result && result.TryGetValue(dialog, out value);
    }

    /// <summary>Asks the user; the answer reaches the next step as <c>ResultOf(prompt)</c>.</summary>
    public Task<DialogTurnResult> PromptAsync<TValue>(Prompt<TValue> prompt, PromptOptions options, CancellationToken cancellationToken) =>
        Dialogs.BeginDialogAsync(prompt, options, cancellationToken);

    /// <summary>Starts a child dialog; its result reaches the next step.</summary>
    public Task<DialogTurnResult> BeginDialogAsync(Dialog dialog, object? options, CancellationToken cancellationToken) =>
        Dialogs.BeginDialogAsync(dialog, options, cancellationToken);

    /// <summary>Moves straight on to the next step (a slot already filled needs no prompt).</summary>
    public Task<DialogTurnResult> NextAsync(CancellationToken cancellationToken) =>
        _waterfall.RunStepAsync(Dialogs, _instance, StepIndex + 1, _state, null, cancellationToken);

    /// <summary>Waits for the user's next message without a prompt; the next step then runs with it.</summary>
    public DialogTurnResult WaitForInput() => DialogTurnResult.Waiting;

    /// <summary>Finishes the waterfall with its current state as result.</summary>
    public Task<DialogTurnResult> EndDialogAsync(CancellationToken cancellationToken) =>
        ReferenceEquals(Dialogs.ActiveInstance, _instance)
            ? Dialogs.EndActiveDialogAsync(_state, cancellationToken)
            : throw new InvalidOperationException($"Step '{StepName}' already started another dialog; it cannot also end the waterfall.");
}
