namespace CaaBot.Conversations.Scheduling;

public enum ScheduledTurnState
{
    /// <summary>Waiting for its time (or for its next attempt after a failure).</summary>
    Pending,

    /// <summary>An instance holds the lease and is running it.</summary>
    Running,

    /// <summary>Ran (or its recipient is gone): never again.</summary>
    Done,

    /// <summary>Given up on after a permanent failure or too many attempts; logged, kept for admins.</summary>
    Failed,
}
