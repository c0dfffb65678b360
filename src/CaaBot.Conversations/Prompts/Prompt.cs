using CaaBot.Conversations.Dialogs;
using CaaBot.Conversations.Serialization;
using CaaBot.Conversations.Turns;
using CaaBot.Protocol.Schema;

namespace CaaBot.Conversations.Prompts;

/// <summary>
/// Asks one question and ends with a typed <see cref="PromptResult{T}"/>: the recognised (and validated) answer,
/// or "gave up" after <see cref="MaxAttempts"/> answers it could not use, so the flow can fall through to a person
/// instead of asking forever. A click on a card that belongs to another prompt is answered as stale and ignored.
/// </summary>
public abstract class Prompt<TValue> : Dialog<PromptResult<TValue>>
{
    private readonly PromptValidator<TValue>? _validator;

    /// <param name="id">Stable id stored on the dialog stack.</param>
    /// <param name="validator">Optional check of a recognised answer, with the reason told to the user.</param>
    /// <param name="maxAttempts">Answers allowed (valid or not) before the prompt gives up.</param>
    protected Prompt(string id, PromptValidator<TValue>? validator, int maxAttempts)
        : base(id)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        _validator = validator;
        MaxAttempts = maxAttempts;
    }

    public int MaxAttempts { get; }

    /// <summary>Said when a card from an earlier question is clicked.</summary>
    public string StaleCardMessage { get; init; } = "That card belongs to an earlier question, so I've left it alone. Please answer the latest one.";

    /// <summary>
    /// Rebuilds the cards of a prompt started with a <see cref="PromptOptions.CardSource"/>, which its state keeps
    /// instead of them; required for such prompts.
    /// </summary>
    public PromptCardRenderer? CardRenderer { get; init; }

    /// <summary>
    /// Said when a question's cards can no longer be rebuilt and neither it nor its retry prompt has text of its own.
    /// The card already in the chat still answers this prompt, and typed answers are still understood.
    /// </summary>
    public string CardUnavailableMessage { get; init; } = "I can't show that question again, but you can still answer it in the card above or in your own words.";

    /// <summary>Turns one incoming message into an answer, if it is one.</summary>
    protected abstract PromptRecognition<TValue> Recognize(Activity activity, PromptOptions options);

    /// <summary>Adds prompt-specific presentation (choices as buttons…) to an outgoing prompt.</summary>
    protected virtual Activity Present(Activity prompt, PromptOptions options) => prompt;

    protected internal sealed override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dialogContext, object? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dialogContext);
        if (options is not PromptOptions promptOptions)
        {
            throw new ArgumentException($"Prompt '{Id}' must be started with {nameof(PromptOptions)}.", nameof(options));
        }

        if (promptOptions.CardSource is not null && CardRenderer is null)
        {
            throw new ArgumentException($"Prompt '{Id}' was given a {nameof(PromptOptions.CardSource)} but has no {nameof(CardRenderer)} to rebuild its cards.", nameof(options));
        }

        var state = new PromptState(promptOptions, 0, RandomHex.Create(12));
        dialogContext.ActiveInstance.WriteState(state, PromptState.TypeInfo);
        await SendAsync(dialogContext.Context, state, promptOptions.Prompt, null, cancellationToken);
        return DialogTurnResult.Waiting;
    }

    protected internal sealed override async Task<DialogTurnResult> ContinueDialogAsync(DialogContext dialogContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dialogContext);
        var activity = dialogContext.Context.Activity;
        if (activity.Type != ActivityTypes.Message)
        {
            return DialogTurnResult.Waiting;
        }

        var instance = dialogContext.ActiveInstance;
        var state = instance.TakeValidated<PromptState>() ?? instance.ReadState(PromptState.TypeInfo);
        if (CardSubmitMarker.TryRead(activity, out var cardPromptId) && !string.Equals(cardPromptId, state.InstanceId, StringComparison.Ordinal))
        {
            await dialogContext.Context.SendActivityAsync(StaleCardMessage, cancellationToken);
            return DialogTurnResult.Waiting;
        }

        var attempts = state.Attempts + 1;
        var recognition = Recognize(activity, state.Options);
        string? reason = null;
        if (recognition.Succeeded)
        {
            var value = recognition.Value!;
            var validation = _validator?.Invoke(value) ?? PromptValidation.Valid;
            if (validation.IsValid)
            {
                return await EndWithResultAsync(dialogContext, PromptResult<TValue>.Recognized(value, attempts), cancellationToken);
            }

            reason = validation.Reason;
        }

        if (attempts >= MaxAttempts)
        {
            return await EndWithResultAsync(dialogContext, PromptResult<TValue>.GaveUpAfter(attempts), cancellationToken);
        }

        state = state with { Attempts = attempts };
        instance.WriteState(state, PromptState.TypeInfo);
        await SendAsync(dialogContext.Context, state, RetryPromptOf(state), reason, cancellationToken);
        return DialogTurnResult.Waiting;
    }

    protected internal sealed override Task RepromptDialogAsync(DialogContext dialogContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dialogContext);
        var instance = dialogContext.ActiveInstance;
        var state = instance.TakeValidated<PromptState>() ?? instance.ReadState(PromptState.TypeInfo);
        return SendAsync(dialogContext.Context, state, PromptOf(state), null, cancellationToken);
    }

    internal override void ValidateStoredState(DialogInstance instance) => instance.KeepValidated(instance.ReadState(PromptState.TypeInfo));

    private Activity PromptOf(PromptState state) =>
        state.PromptCardsOmitted ? WithRebuiltCards(state.Options.Prompt, state) : state.Options.Prompt;

    private Activity RetryPromptOf(PromptState state) => state.Options.RetryPrompt switch
    {
        null => PromptOf(state),
        var retry when state.RetryCardsOmitted => WithRebuiltCards(retry, state),
        var retry => retry,
    };

    // The fallback keeps the question answerable: its text (or the retry's, or a generic line) without the cards.
    private Activity WithRebuiltCards(Activity prompt, PromptState state)
    {
        if (state.Options.CardSource is { } source && CardRenderer?.Invoke(source) is { Count: > 0 } cards)
        {
            return prompt with { Attachments = cards };
        }

        return string.IsNullOrEmpty(prompt.Text)
            ? prompt with { Text = state.Options.RetryPrompt?.Text ?? CardUnavailableMessage }
            : prompt;
    }

    private Task<ResourceResponse> SendAsync(ITurnContext turnContext, PromptState state, Activity prompt, string? reason, CancellationToken cancellationToken)
    {
        var presented = Present(CardSubmitMarker.Stamp(prompt, state.InstanceId), state.Options);
        presented = presented with
        {
            Text = reason ?? presented.Text,
            TextFormat = reason is null ? presented.TextFormat : presented.TextFormat ?? TextFormats.Markdown,
            InputHint = presented.InputHint ?? InputHints.ExpectingInput,
        };
        return turnContext.SendActivityAsync(presented, cancellationToken);
    }
}
