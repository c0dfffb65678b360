using System.Text.Json;
using System.Text.Json.Nodes;
using CaaBot.Protocol.Authentication;
using CaaBot.Protocol.Connector;
using CaaBot.Protocol.Schema;
using Microsoft.Extensions.Options;

namespace CaaBot.Bot.LiveChat.Teams;

/// <summary>
/// The bot's messages to the helpdesk channel, past any turn: a new thread per escalation (Connector "create
/// conversation" in the channel), lines in that thread, and updates of its card. The configured service URL is
/// trusted for the bot's token by configuration.
/// </summary>
public sealed class TeamsHelpdeskChannel(ConnectorClient connector, IServiceUrlTrust serviceUrlTrust, IOptions<TeamsHelpdeskOptions> options)
{
    private const string MessageIdMarker = ";messageid=";

    public TeamsHelpdeskOptions Options { get; } = options.Value;

    /// <summary>Posts <paramref name="first"/> as a new thread; returns the thread's reference and the id of that first message.</summary>
    public async Task<(ConversationReference Thread, string ActivityId)> StartThreadAsync(Activity first, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(first);
        var serviceUrl = await TrustedServiceUrlAsync(cancellationToken);
        var channelId = Options.ChannelId!;
        var created = await connector.CreateConversationAsync(
            serviceUrl,
            new ConversationParameters
            {
                IsGroup = true,
                Bot = Bot,
                TenantId = Options.TenantId,
                Activity = first,
                ChannelData = ChannelData(channelId),
            },
            cancellationToken);

        // Teams answers with the thread's id (19:…;messageid=…) and the first message's id; either gives the other.
        var activityId = created.ActivityId is { Length: > 0 } given ? given : MessageIdIn(created.Id) ?? created.Id
            ?? throw new ConnectorException("Teams created the thread but named neither it nor its first message.");
        var threadId = created.Id is { Length: > 0 } id ? id : channelId + MessageIdMarker + activityId;
        var thread = new ConversationReference
        {
            ChannelId = Channels.MsTeams,
            ServiceUrl = serviceUrl.AbsoluteUri,
            Bot = Bot,
            Conversation = new ConversationAccount { Id = threadId, IsGroup = true, ConversationType = "channel", TenantId = Options.TenantId },
        };
        return (thread, activityId);
    }

    /// <summary>A line in the thread.</summary>
    public async Task PostAsync(ConversationReference thread, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(thread);
        await connector.SendToConversationAsync(await TrustedServiceUrlAsync(cancellationToken), ThreadIdOf(thread), activity, cancellationToken);
    }

    /// <summary>Replaces the bot's message <paramref name="activityId"/> in the thread (the escalation card).</summary>
    public async Task UpdateAsync(ConversationReference thread, string activityId, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(thread);
        ArgumentNullException.ThrowIfNull(activity);
        var threadId = ThreadIdOf(thread);
        await connector.UpdateActivityAsync(
            await TrustedServiceUrlAsync(cancellationToken),
            threadId,
            activityId,
            activity with { Id = activityId, Conversation = new ConversationAccount { Id = threadId } },
            cancellationToken);
    }

    private ChannelAccount? Bot => Options.BotId is { Length: > 0 } id ? new ChannelAccount { Id = id } : null;

    /// <summary>Every call goes to the configured service URL, never to one a stored reference names.</summary>
    private async Task<Uri> TrustedServiceUrlAsync(CancellationToken cancellationToken)
    {
        var serviceUrl = Options.ServiceUrl ?? throw new InvalidOperationException($"{TeamsHelpdeskOptions.SectionName} is not configured.");
        await serviceUrlTrust.TrustAsync(serviceUrl, cancellationToken);
        return serviceUrl;
    }

    private JsonElement ChannelData(string channelId)
    {
        var data = new JsonObject
        {
            ["channel"] = new JsonObject { ["id"] = channelId },
            ["tenant"] = new JsonObject { ["id"] = Options.TenantId },
        };
        if (Options.TeamId is { Length: > 0 } teamId)
        {
            data["team"] = new JsonObject { ["id"] = teamId };
        }

        return JsonSerializer.SerializeToElement(data);
    }

    private static string ThreadIdOf(ConversationReference thread) =>
        thread.Conversation?.Id is { Length: > 0 } id ? id : throw new ArgumentException("The thread reference has no conversation id.", nameof(thread));

    private static string? MessageIdIn(string? threadId) =>
        threadId?.IndexOf(MessageIdMarker, StringComparison.Ordinal) is { } at and >= 0 ? threadId[(at + MessageIdMarker.Length)..] : null;
}
