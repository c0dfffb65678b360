namespace CaaBot.Conversations.Turns;

/// <summary>
/// Tells the user a turn failed. Runs in a fresh turn: the failed attempt's state changes and pending sends
/// are already discarded, the dialog stack is already reset and the exception is already logged with
/// <see cref="ITurnContext.CorrelationId"/>. The handler only has to say something useful.
/// </summary>
public interface ITurnErrorHandler
{
    Task OnTurnErrorAsync(ITurnContext turnContext, Exception exception, CancellationToken cancellationToken);
}
