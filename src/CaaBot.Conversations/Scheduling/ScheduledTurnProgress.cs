namespace CaaBot.Conversations.Scheduling;

/// <summary>
/// What has happened to one <see cref="ScheduledTurn"/>, in its own document so that instances sharing a store agree
/// through ETags on who runs it: the first to write <see cref="ScheduledTurnState.Running"/> holds the lease.
/// </summary>
/// <param name="LeaseUntil">While <see cref="ScheduledTurnState.Running"/>: when another instance may take over (the holder died).</param>
/// <param name="NextAttemptAt">While <see cref="ScheduledTurnState.Pending"/> after a failure: not before this.</param>
/// <param name="LastError">The failure's type and message, for admins; never shown to users.</param>
public sealed record ScheduledTurnProgress(
    ScheduledTurnState State,
    int Attempts,
    DateTimeOffset? LeaseUntil,
    DateTimeOffset? NextAttemptAt,
    string? LastError);
