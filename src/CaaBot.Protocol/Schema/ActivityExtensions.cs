using System.Text.Json;

namespace CaaBot.Protocol.Schema;

/// <summary>Reply construction and conversation references, as the SDK does them.</summary>
public static class ActivityExtensions
{
    /// <summary>A message answering <paramref name="incoming"/>: sender and recipient swapped, same conversation and channel.</summary>
    public static Activity CreateReply(this Activity incoming, string? text = null) => new()
    {
        Type = ActivityTypes.Message,
        Text = text,
        TextFormat = text is null ? null : TextFormats.Markdown,
        From = incoming.Recipient is { } bot ? new ChannelAccount { Id = bot.Id, Name = bot.Name, Role = RoleTypes.Bot } : null,
        Recipient = incoming.From is { } user ? new ChannelAccount { Id = user.Id, Name = user.Name, AadObjectId = user.AadObjectId, Role = RoleTypes.User } : null,
        Conversation = incoming.Conversation,
        // Direct Line conversationUpdate ids are not real messages: the SDK leaves replyToId out there.
        ReplyToId = incoming.Type == ActivityTypes.ConversationUpdate && incoming.ChannelId is Channels.DirectLine or Channels.WebChat
            ? null
            : incoming.Id,
        ChannelId = incoming.ChannelId,
        ServiceUrl = incoming.ServiceUrl,
        Locale = incoming.Locale,
    };

    /// <summary>The reference to keep for messaging this conversation later.</summary>
    public static ConversationReference GetConversationReference(this Activity activity) => new()
    {
        ActivityId = activity.Type == ActivityTypes.ConversationUpdate && activity.ChannelId is Channels.DirectLine or Channels.WebChat
            ? null
            : activity.Id,
        User = activity.From,
        Bot = activity.Recipient,
        Conversation = activity.Conversation,
        ChannelId = activity.ChannelId,
        ServiceUrl = activity.ServiceUrl,
        Locale = activity.Locale,
    };

    /// <summary>Addresses an outgoing activity (sent proactively or as a reply) through <paramref name="reference"/>.</summary>
    public static Activity ApplyConversationReference(this Activity outgoing, ConversationReference reference, bool isIncoming = false) =>
        isIncoming
            ? outgoing with
            {
                From = reference.User,
                Recipient = reference.Bot,
                Conversation = reference.Conversation,
                ChannelId = reference.ChannelId,
                ServiceUrl = reference.ServiceUrl,
                Locale = outgoing.Locale ?? reference.Locale,
            }
            : outgoing with
            {
                From = reference.Bot,
                Recipient = reference.User,
                Conversation = reference.Conversation,
                ChannelId = reference.ChannelId,
                ServiceUrl = reference.ServiceUrl,
                Locale = outgoing.Locale ?? reference.Locale,
                ReplyToId = outgoing.ReplyToId ?? reference.ActivityId,
            };

    /// <summary>True for an Adaptive Card or postBack submit: a message with a value and no text.</summary>
    public static bool IsCardSubmit(this Activity activity) =>
        activity.Type == ActivityTypes.Message
        && activity.Value is { ValueKind: JsonValueKind.Object }
        && string.IsNullOrWhiteSpace(activity.Text);

    /// <summary>
    /// The text with the bot's own @mention removed and trimmed: in Teams channels and group chats the
    /// bot only hears messages that mention it, and <c>&lt;at&gt;CaaBot&lt;/at&gt; CAA20003</c> must read as <c>CAA20003</c>.
    /// Mentions of anyone else stay. Null when the activity has no text.
    /// </summary>
    public static string? RemoveRecipientMention(this Activity activity)
    {
        if (activity.Text is not { } text)
        {
            return null;
        }

        if (activity.Recipient?.Id is not { } botId || activity.Entities is null)
        {
            return text.Trim();
        }

        foreach (var entity in activity.Entities)
        {
            if (entity.Type != EntityTypes.Mention
                || entity.Properties is not { } properties
                || !properties.TryGetValue("mentioned", out var mentioned)
                || mentioned.ValueKind != JsonValueKind.Object
                || GetString(mentioned, "id") != botId)
            {
                continue;
            }

            // The SDK falls back to <at>name</at> when a channel omits the mention's own text.
            var mentionText = properties.TryGetValue("text", out var textElement) && textElement.ValueKind == JsonValueKind.String
                ? textElement.GetString()
                : GetString(mentioned, "name") is { } name ? $"<at>{name}</at>" : null;
            if (!string.IsNullOrEmpty(mentionText))
            {
                text = text.Replace(mentionText, string.Empty, StringComparison.OrdinalIgnoreCase);
            }
        }

        return text.Trim();
    }

    private static string? GetString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
