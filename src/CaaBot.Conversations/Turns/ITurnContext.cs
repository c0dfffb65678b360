using CaaBot.Protocol.Schema;

namespace CaaBot.Conversations.Turns;

/// <summary>
/// One turn: the incoming activity, the way to answer it, and per-turn services.
/// Sends made during a turn are part of the turn: they reach the channel only once the turn's state
/// has been committed, so a turn that is retried after a state conflict never sends twice.
/// </summary>
public interface ITurnContext
{
    /// <summary>The activity that started this turn.</summary>
    Activity Activity { get; }

    /// <summary>Id shared by this turn's log lines and any error shown to the user.</summary>
    string CorrelationId { get; }

    /// <summary>Per-turn services and values, keyed by type.</summary>
    TurnState TurnState { get; }

    /// <summary>True once the bot has sent anything in this turn.</summary>
    bool Responded { get; }

    /// <summary>The answer to an invoke activity; null means "not handled" (501).</summary>
    InvokeResponse? InvokeResponse { get; set; }

    /// <summary>Sends one activity, addressed as a reply to <see cref="Activity"/> unless it is already addressed.</summary>
    Task<ResourceResponse> SendActivityAsync(Activity activity, CancellationToken cancellationToken);

    /// <summary>Replaces an activity the bot sent earlier (Teams: PUT; Direct Line: same id re-sent).</summary>
    Task<ResourceResponse> UpdateActivityAsync(Activity activity, CancellationToken cancellationToken);

    /// <summary>Deletes an activity the bot sent earlier.</summary>
    Task DeleteActivityAsync(string activityId, CancellationToken cancellationToken);
}
