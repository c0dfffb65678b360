using CaaBot.Conversations.Turns;

namespace CaaBot.Conversations.Scheduling;

/// <summary>
/// Runs the host's bot for a scheduled turn, with the <see cref="ScheduledTurn"/> in the turn state. Only turns run
/// this way carry it, so an <c>event</c> a user posts with the same name (Direct Line lets clients post events) is
/// never mistaken for one the bot scheduled.
/// </summary>
public sealed class ScheduledTurnBot(IBot inner, ScheduledTurn scheduled) : IBot
{
    public Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        turnContext.TurnState.Set(scheduled);
        return inner.OnTurnAsync(turnContext, cancellationToken);
    }

    /// <summary>The scheduled turn this turn runs, or null for a turn an inbound activity started.</summary>
    public static ScheduledTurn? Of(ITurnContext turnContext)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        return turnContext.TurnState.Get<ScheduledTurn>();
    }
}
