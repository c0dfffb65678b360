using CaaBot.Conversations.Dialogs;
using CaaBot.Conversations.Turns;
using CaaBot.Protocol.Schema;

namespace CaaBot.Benchmarks.Waterfall;

/// <summary>Hands every message to the dialog runner, as the peer's onTurn continues or begins its waterfall.</summary>
public sealed class ThreeStepWaterfallBot : IBot
{
    private readonly DialogRunner _dialogs = new(new ThreeStepWaterfallDialog());

    public Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        return turnContext.Activity.Type == ActivityTypes.Message
            ? _dialogs.RunAsync(turnContext, cancellationToken)
            : Task.CompletedTask;
    }
}
