using System.Text.Json;
using CaaBot.Protocol.Schema;

namespace CaaBot.Bot.LiveChat.Teams;

/// <summary>Where a Teams activity was said: its channel (<c>channelData.channel.id</c>) and tenant.</summary>
internal static class TeamsChannelData
{
    public static string? ChannelIdOf(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (Property(activity.ChannelData, "channel", "id") is { Length: > 0 } channel)
        {
            return channel;
        }

        // Older payloads name the channel only in the conversation id: 19:…@thread.tacv2;messageid=….
        return activity.Conversation?.ConversationType == "channel" && activity.Conversation.Id is { } id ? id.Split(';')[0] : null;
    }

    public static string? TenantIdOf(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return Property(activity.ChannelData, "tenant", "id") ?? activity.Conversation?.TenantId;
    }

    private static string? Property(JsonElement? data, string objectName, string propertyName) =>
        data is { ValueKind: JsonValueKind.Object } value
        && value.TryGetProperty(objectName, out var inner) && inner.ValueKind == JsonValueKind.Object
        && inner.TryGetProperty(propertyName, out var property) && property.ValueKind == JsonValueKind.String
            ? property.GetString()
            : null;
}
