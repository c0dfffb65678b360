using CaaBot.Protocol.Schema;

namespace CaaBot.Conversations.State;

/// <summary>Keys user state by channel and the sender's id: <c>user/{channelId}/{from.id}</c>.</summary>
public sealed class ChannelUserStateKeyResolver : IUserStateKeyResolver
{
    public ValueTask<string?> ResolveAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return ValueTask.FromResult(string.IsNullOrEmpty(activity.ChannelId) || string.IsNullOrEmpty(activity.From?.Id)
            ? null
            : StateKeys.ForUser(activity.ChannelId, activity.From.Id));
    }
}
