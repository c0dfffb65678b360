using System.Collections.Concurrent;
using System.Text.Json;
using CaaBot.DirectLine.Conversations;
using CaaBot.Protocol.Schema;

namespace CaaBot.DirectLine.Tests.Support;

/// <summary>
/// A stand-in bot behind the channel: records what it is given; "fail" throws; "edit" replaces its previous reply
/// (same id) with "edited"; anything else is answered "echo: {text}" as a reply to the echo.
/// </summary>
public sealed class EchoGateway(DirectLineConversations conversations) : IDirectLineBotGateway
{
    private readonly ConcurrentDictionary<string, string> _lastReply = new(StringComparer.Ordinal);

    public ConcurrentQueue<Activity> Received { get; } = new();

    public async Task ProcessAsync(Activity incoming, CancellationToken cancellationToken)
    {
        Received.Enqueue(incoming);
        var conversationId = incoming.Conversation!.Id!;
        if (incoming.Type != ActivityTypes.Message)
        {
            return;
        }

        switch (incoming.Text)
        {
            case "fail":
                throw new InvalidOperationException("The bot failed on purpose.");
            case "edit" when _lastReply.TryGetValue(conversationId, out var previous):
                await conversations.ReplaceFromBotAsync(conversationId, new Activity { Type = ActivityTypes.Message, Id = previous, Text = "edited", Recipient = incoming.From }, cancellationToken);
                return;
        }

        var text = incoming.Text ?? (incoming.Value is { } value ? JsonSerializer.Serialize(value) : string.Empty);
        var reply = await conversations.AppendFromBotAsync(
            conversationId,
            new Activity { Type = ActivityTypes.Message, Text = $"echo: {text}", ReplyToId = incoming.Id, Recipient = incoming.From, ServiceUrl = incoming.ServiceUrl },
            cancellationToken);
        _lastReply[conversationId] = reply.Activity.Id!;
    }
}
