using CaaBot.Conversations.Turns;
using CaaBot.Protocol.Schema;

namespace CaaBot.Web.Channels;

/// <summary>
/// For <c>deliveryMode: "expectReplies"</c>: the turn's activities are collected and returned in the
/// HTTP response body instead of being posted to the channel.
/// </summary>
public sealed class ExpectRepliesChannel : IActivityChannel
{
    private readonly List<Activity> _activities = [];

    public IReadOnlyList<Activity> Activities => _activities;

    public Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken)
    {
        var id = activity.Id ?? Guid.NewGuid().ToString("N");
        _activities.Add(activity with { Id = id });
        return Task.FromResult(new ResourceResponse(id));
    }

    public Task<ResourceResponse> UpdateAsync(Activity activity, CancellationToken cancellationToken)
    {
        // The caller reads the body once, so an update is just the newer version of the same id.
        var index = _activities.FindIndex(a => a.Id == activity.Id);
        if (index >= 0)
        {
            _activities[index] = activity;
        }
        else
        {
            _activities.Add(activity);
        }

        return Task.FromResult(new ResourceResponse(activity.Id));
    }

    public Task DeleteAsync(Activity activityToDelete, CancellationToken cancellationToken)
    {
        _activities.RemoveAll(a => a.Id == activityToDelete.Id);
        return Task.CompletedTask;
    }
}
