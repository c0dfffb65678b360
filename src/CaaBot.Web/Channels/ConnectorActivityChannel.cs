using CaaBot.Conversations.Turns;
using CaaBot.Protocol.Connector;
using CaaBot.Protocol.Schema;

namespace CaaBot.Web.Channels;

/// <summary>
/// Delivers a turn's activities through the Bot Connector REST API of the channel the request came from.
/// Every call goes to the <paramref name="serviceUrl"/> of the incoming (authenticated) request, whatever
/// the outgoing activity claims, so the bot's credentials never travel to an address a caller chose.
/// </summary>
public sealed class ConnectorActivityChannel(ConnectorClient connector, Uri serviceUrl, string conversationId) : IActivityChannel
{
    public Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var conversation = ConversationOf(activity);
        return activity.ReplyToId is { Length: > 0 } replyToId
            ? connector.ReplyToActivityAsync(serviceUrl, conversation, replyToId, activity, cancellationToken)
            : connector.SendToConversationAsync(serviceUrl, conversation, activity, cancellationToken);
    }

    public Task<ResourceResponse> UpdateAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var id = activity.Id ?? throw new ArgumentException("An update needs the id of the activity it replaces.", nameof(activity));
        return connector.UpdateActivityAsync(serviceUrl, ConversationOf(activity), id, activity, cancellationToken);
    }

    public Task DeleteAsync(Activity activityToDelete, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activityToDelete);
        var id = activityToDelete.Id ?? throw new ArgumentException("A delete needs the activity id.", nameof(activityToDelete));
        return connector.DeleteActivityAsync(serviceUrl, ConversationOf(activityToDelete), id, cancellationToken);
    }

    private string ConversationOf(Activity activity) => activity.Conversation?.Id is { Length: > 0 } id ? id : conversationId;
}
