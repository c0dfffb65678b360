using CaaBot.Conversations.Turns;
using CaaBot.DirectLine.Conversations;
using CaaBot.Protocol.Schema;

namespace CaaBot.Web.DirectLine;

/// <summary>
/// Where a turn's activities go for a Direct Line conversation: appended to its history, which polls and WebSockets
/// read. Updates keep the activity's id so Web Chat replaces the card in place. Trace and handoff activities are
/// internal to the bot and dropped, as the Bot Framework does for every channel but the Emulator.
/// </summary>
public sealed class DirectLineActivityChannel(DirectLineConversations conversations, string conversationId) : IActivityChannel
{
    public async Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (activity.Type is ActivityTypes.Trace or ActivityTypes.Handoff)
        {
            return new ResourceResponse(null);
        }

        var appended = await conversations.AppendFromBotAsync(conversationId, activity, cancellationToken);
        return new ResourceResponse(appended.Activity.Id);
    }

    public async Task<ResourceResponse> UpdateAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var replaced = await conversations.ReplaceFromBotAsync(conversationId, activity, cancellationToken);
        return new ResourceResponse(replaced.Activity.Id);
    }

    public Task DeleteAsync(Activity activityToDelete, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activityToDelete);
        return conversations.DeleteFromBotAsync(conversationId, activityToDelete.Id, cancellationToken);
    }
}
