using CaaBot.Conversations.Turns;

namespace CaaBot.Conversations.Tests.Fixtures;

/// <summary>A bot whose turn is a lambda.</summary>
public sealed class DelegateBot(Func<ITurnContext, CancellationToken, Task> onTurnAsync) : IBot
{
    public Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken) => onTurnAsync(turnContext, cancellationToken);
}
