namespace CaaBot.Conversations.Scheduling;

/// <summary>
/// Runs a due <see cref="ScheduledTurn"/> through the host's channel for its conversation (the Bot Connector for
/// Teams, the self-hosted Direct Line for the web chat). Implemented by the host, which knows the channels.
/// </summary>
public interface IScheduledTurnDispatcher
{
    /// <summary>Runs the turn. Throws when it failed in a way a later attempt may fix (a throttled or unreachable channel).</summary>
    Task<ScheduledTurnOutcome> DispatchAsync(ScheduledTurn turn, CancellationToken cancellationToken);
}
