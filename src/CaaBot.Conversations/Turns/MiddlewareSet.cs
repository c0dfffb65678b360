namespace CaaBot.Conversations.Turns;

/// <summary>An ordered pipeline of middleware ending in the bot. Itself a middleware, so pipelines nest.</summary>
public sealed class MiddlewareSet(IEnumerable<IMiddleware> middleware) : IMiddleware
{
    private readonly IMiddleware[] _middleware = [.. middleware];

    public Task RunAsync(ITurnContext turnContext, Func<ITurnContext, CancellationToken, Task> bot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(bot);
        return RunFromAsync(0, turnContext, bot, cancellationToken);
    }

    public Task OnTurnAsync(ITurnContext turnContext, Func<CancellationToken, Task> next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        return RunAsync(turnContext, (_, token) => next(token), cancellationToken);
    }

    private Task RunFromAsync(int index, ITurnContext turnContext, Func<ITurnContext, CancellationToken, Task> bot, CancellationToken cancellationToken) =>
        index == _middleware.Length
            ? bot(turnContext, cancellationToken)
            : _middleware[index].OnTurnAsync(turnContext, token => RunFromAsync(index + 1, turnContext, bot, token), cancellationToken);
}
