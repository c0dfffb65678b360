using CaaBot.Conversations.Dialogs;
using CaaBot.Conversations.Turns;

namespace CaaBot.Conversations.Tests.Fixtures;

/// <summary>The usual bot: every message goes to the dialog runner.</summary>
public sealed class DialogBot(DialogRunner runner) : IBot
{
    public DialogBot(Dialog rootDialog)
        : this(new DialogRunner(rootDialog))
    {
    }

    public Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken) => runner.RunAsync(turnContext, cancellationToken);
}
