using CaaBot.Protocol.Schema;

namespace CaaBot.Conversations.Turns;

/// <summary>
/// Found in <see cref="ITurnContext.TurnState"/>: lets middleware act on what a turn actually delivered. Callbacks
/// run once, after the state commit and the delivery, with the activities as delivered (channel ids filled in);
/// an attempt that was retried or rolled back never calls them. A failing callback is logged and does not fail the
/// turn, which has already happened.
/// </summary>
public sealed class TurnDelivery
{
    private readonly List<Func<IReadOnlyList<Activity>, CancellationToken, Task>> _callbacks = [];

    public void OnDelivered(Func<IReadOnlyList<Activity>, CancellationToken, Task> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        lock (_callbacks)
        {
            _callbacks.Add(callback);
        }
    }

    internal async Task NotifyAsync(IReadOnlyList<Activity> delivered, Action<Exception> onFailure, CancellationToken cancellationToken)
    {
        Func<IReadOnlyList<Activity>, CancellationToken, Task>[] callbacks;
        lock (_callbacks)
        {
            callbacks = [.. _callbacks];
        }

        foreach (var callback in callbacks)
        {
            try
            {
                await callback(delivered, cancellationToken);
            }
#pragma warning disable CA1031 // The turn is committed and delivered; an observer's failure must not turn it into an error.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                onFailure(exception);
            }
        }
    }
}
