namespace CaaBot.Conversations.Dialogs;

/// <summary>One step of a <see cref="WaterfallDialog{TState}"/>: a named method, listed in the dialog's <c>Steps</c>.</summary>
public delegate Task<DialogTurnResult> WaterfallStep<TState>(WaterfallStepContext<TState> step, CancellationToken cancellationToken)
    where TState : class;
