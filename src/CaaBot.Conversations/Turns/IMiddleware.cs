namespace CaaBot.Conversations.Turns;

/// <summary>
/// Runs around the bot for every turn (logging, transcript, typing). Call <c>next</c> to go on; not calling
/// it short-circuits the turn. A turn that is retried after a state conflict runs the middleware again,
/// so middleware must not do anything outside the turn that cannot be repeated.
/// </summary>
public interface IMiddleware
{
    Task OnTurnAsync(ITurnContext turnContext, Func<CancellationToken, Task> next, CancellationToken cancellationToken);
}
