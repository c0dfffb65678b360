using CaaBot.Conversations.Serialization;
using CaaBot.Conversations.State;

namespace CaaBot.Conversations.Turns;

/// <summary>Tuning of <see cref="TurnProcessor"/>; the defaults suit production.</summary>
public sealed record TurnProcessorOptions
{
    /// <summary>How often a turn is re-run after losing a state race to another instance before giving up.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>How many recent activity ids a conversation remembers to drop redeliveries.</summary>
    public int ProcessedActivityIdsToKeep { get; init; } = 64;

    /// <summary>Where user state lives; replace to map one person's identities on several channels to one key.</summary>
    public IUserStateKeyResolver UserStateKeys { get; init; } = new ChannelUserStateKeyResolver();

    /// <summary>
    /// When set, turns of one conversation are serialized across every instance sharing the store, not only within
    /// this process: a lease document in the store, held for at most this long (a crashed holder blocks its
    /// conversation no longer). Switch it on when several instances share one store (PostgreSQL); leave it off for a
    /// single instance, where it would only cost two writes per turn.
    /// </summary>
    public TimeSpan? CrossInstanceTurnLease { get; init; }

    /// <summary>Creates the id quoted in logs and in error messages. Short enough to read out over the phone.</summary>
    /// <remarks>It only has to tell turns apart in logs, not be unguessable, so a fast non-cryptographic source suffices.</remarks>
    public Func<string> CreateCorrelationId { get; init; } = static () => RandomHex.Create(10);

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAttempts, 1, nameof(MaxAttempts));
        ArgumentOutOfRangeException.ThrowIfLessThan(ProcessedActivityIdsToKeep, 1, nameof(ProcessedActivityIdsToKeep));
        ArgumentNullException.ThrowIfNull(UserStateKeys);
        ArgumentNullException.ThrowIfNull(CreateCorrelationId);
        if (CrossInstanceTurnLease is { } lease)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero, nameof(CrossInstanceTurnLease));
        }
    }
}
