using CaaBot.Protocol.Schema;

namespace CaaBot.Conversations.State;

/// <summary>Storage keys of the state documents.</summary>
public static class StateKeys
{
    /// <summary><c>conv/{channelId}/{conversationId}</c>; also the key turns of one conversation are serialized on.</summary>
    public static string ForConversation(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (string.IsNullOrEmpty(activity.ChannelId) || string.IsNullOrEmpty(activity.Conversation?.Id))
        {
            throw new ArgumentException("An activity needs a channelId and a conversation id to have conversation state.", nameof(activity));
        }

        return $"conv/{activity.ChannelId}/{activity.Conversation.Id}";
    }

    /// <summary><c>user/{channelId}/{userId}</c>.</summary>
    public static string ForUser(string channelId, string userId)
    {
        ArgumentException.ThrowIfNullOrEmpty(channelId);
        ArgumentException.ThrowIfNullOrEmpty(userId);
        return $"user/{channelId}/{userId}";
    }
}
