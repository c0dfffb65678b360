using System.Text.Json;
using CaaBot.Conversations.Turns;
using CaaBot.Protocol.Schema;

namespace CaaBot.Web.Channels;

/// <summary>
/// Wraps a turn's channel for an <c>Action.Execute</c> turn: the bot's update of the card that was clicked is kept
/// for the invoke response (Teams replaces the card with it) instead of being sent as a PUT; everything else passes
/// through unchanged.
/// </summary>
public sealed class CardRefreshCapture(IActivityChannel inner, string? clickedCardId) : IActivityChannel
{
    private readonly Lock _gate = new();
    private bool _capturing = true;
    private JsonElement? _refreshedCard;

    /// <summary>The card the clicked one should become, when the bot replaced it.</summary>
    public JsonElement? RefreshedCard
    {
        get
        {
            lock (_gate)
            {
                return _refreshedCard;
            }
        }
    }

    /// <summary>
    /// The invoke is being answered without waiting for the turn (it ran over the budget): from now on the update goes
    /// out as a PUT like any other. Returns the card if it was captured just before.
    /// </summary>
    public JsonElement? StopCapturing()
    {
        lock (_gate)
        {
            _capturing = false;
            return _refreshedCard;
        }
    }

    public Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken) => inner.SendAsync(activity, cancellationToken);

    public Task<ResourceResponse> UpdateAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (clickedCardId is { Length: > 0 }
            && string.Equals(activity.Id, clickedCardId, StringComparison.Ordinal)
            && activity.Attachments?.FirstOrDefault(a => a.ContentType == ContentTypes.AdaptiveCard)?.Content is { } card)
        {
            lock (_gate)
            {
                if (_capturing)
                {
                    _refreshedCard = card;
                    return Task.FromResult(new ResourceResponse(activity.Id));
                }
            }
        }

        return inner.UpdateAsync(activity, cancellationToken);
    }

    public Task DeleteAsync(Activity activityToDelete, CancellationToken cancellationToken) => inner.DeleteAsync(activityToDelete, cancellationToken);
}
