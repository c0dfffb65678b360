using CaaBot.Conversations.Prompts;
using CaaBot.Conversations.State;
using CaaBot.Conversations.Turns;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CaaBot.Conversations.Dialogs;

/// <summary>
/// Runs a root dialog against the conversation's stored dialog stack: checks the stack still fits the deployed
/// dialogs (or restarts with an apology), lets interruptions answer first, continues the active dialog or begins
/// the root one, and stores the stack back in conversation state. A bot's turn is usually just
/// <c>await runner.RunAsync(turnContext, cancellationToken)</c>.
/// </summary>
public sealed class DialogRunner
{
    private readonly Dialog _rootDialog;
    private readonly DialogSet _dialogs = new();
    private readonly DialogRunnerOptions _options;
    private readonly ILogger _logger;

    public DialogRunner(Dialog rootDialog, DialogRunnerOptions? options = null, ILogger<DialogRunner>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(rootDialog);
        _rootDialog = rootDialog;
        _dialogs.Add(rootDialog);
        _options = options ?? new DialogRunnerOptions();
        _logger = logger ?? NullLogger<DialogRunner>.Instance;
    }

    public async Task<DialogTurnResult> RunAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var conversation = turnContext.TurnState.GetRequired<ConversationState>();
        var dialogContext = Load(turnContext, conversation, out var mismatch);
        DialogTurnResult result;
        if (mismatch is not null)
        {
            result = await RestartAfterChangeAsync(dialogContext, mismatch, cancellationToken);
        }
        else
        {
            try
            {
                result = await RunStackAsync(dialogContext, cancellationToken);
            }
            catch (DialogStateMismatchException lateMismatch)
            {
                dialogContext = new DialogContext(_dialogs, turnContext, [], null);
                result = await RestartAfterChangeAsync(dialogContext, lateMismatch.Message, cancellationToken);
            }
        }

        DialogStack.Write(conversation, dialogContext.Stack);
        return result;
    }

    private DialogContext Load(ITurnContext turnContext, ConversationState conversation, out string? mismatch)
    {
        mismatch = null;
        try
        {
            var dialogContext = new DialogContext(_dialogs, turnContext, DialogStack.Read(conversation), null);
            dialogContext.Validate();
            return dialogContext;
        }
        catch (DialogStateMismatchException exception)
        {
            mismatch = exception.Message;
            return new DialogContext(_dialogs, turnContext, [], null);
        }
    }

    private async Task<DialogTurnResult> RunStackAsync(DialogContext dialogContext, CancellationToken cancellationToken)
    {
        var activity = dialogContext.Context.Activity;
        foreach (var interruption in _options.Interruptions)
        {
            if (interruption.Matches(activity))
            {
                DialogLog.Interrupted(_logger, dialogContext.Context.CorrelationId, interruption.Name);
                return await interruption.HandleAsync(new InterruptionContext(dialogContext, _rootDialog), cancellationToken);
            }
        }

        if (dialogContext.StackDepth > 0)
        {
            return await dialogContext.ContinueDialogAsync(cancellationToken);
        }

        if (CardSubmitMarker.TryRead(activity, out _))
        {
            DialogLog.StaleCardIgnored(_logger, dialogContext.Context.CorrelationId);
            await dialogContext.Context.SendActivityAsync(_options.StaleCardMessage, cancellationToken);
            return DialogTurnResult.Empty;
        }

        return await dialogContext.BeginDialogAsync(_rootDialog, null, cancellationToken);
    }

    private async Task<DialogTurnResult> RestartAfterChangeAsync(DialogContext emptyContext, string reason, CancellationToken cancellationToken)
    {
        DialogLog.RestartedAfterChange(_logger, emptyContext.Context.CorrelationId, reason);
        await emptyContext.Context.SendActivityAsync(_options.RestartApology, cancellationToken);
        return await emptyContext.BeginDialogAsync(_rootDialog, null, cancellationToken);
    }
}
