using System.Net.Http.Json;
using System.Text.Json;
using CaaBot.Protocol;
using CaaBot.Protocol.Schema;

namespace CaaBot.Web.Tests.Support;

/// <summary>Builds channel-shaped activities and posts them to <c>/api/messages</c>.</summary>
internal static class Activities
{
    public const string ServiceUrl = "https://smba.example.test/amer/";

    public static Activity Message(string conversationId, string id, string text, string? deliveryMode = DeliveryModes.ExpectReplies) => new()
    {
        Type = ActivityTypes.Message,
        Id = id,
        ChannelId = CaaBot.Protocol.Schema.Channels.Emulator,
        ServiceUrl = ServiceUrl,
        DeliveryMode = deliveryMode,
        Text = text,
        Timestamp = DateTimeOffset.UtcNow,
        From = new ChannelAccount { Id = "user-1", Name = "Ada", Role = RoleTypes.User },
        Recipient = new ChannelAccount { Id = "caabot", Name = "CaaBot", Role = RoleTypes.Bot },
        Conversation = new ConversationAccount { Id = conversationId },
    };

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, Activity activity, string? authorization = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = JsonContent.Create(activity, options: ProtocolJson.Options),
        };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return await client.SendAsync(request);
    }

    /// <summary>Posts with <c>expectReplies</c> and returns the texts of the replies.</summary>
    public static async Task<IReadOnlyList<string>> ExchangeAsync(HttpClient client, string conversationId, string id, string text)
    {
        using var response = await PostAsync(client, Message(conversationId, id, text));
        response.EnsureSuccessStatusCode();
        var replies = await response.Content.ReadFromJsonAsync<ExpectedReplies>(ProtocolJson.Options);
        return [.. replies!.Activities.Select(a => a.Text ?? string.Empty)];
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    /// <summary>The reply holding an Adaptive Card with an action titled <paramref name="title"/>, and that action's data.</summary>
    public static (Activity Card, JsonElement Data) CardAction(IReadOnlyList<Activity> replies, string title)
    {
        foreach (var reply in replies.Reverse())
        {
            foreach (var attachment in reply.Attachments ?? [])
            {
                if (attachment.Content is { } card && card.TryGetProperty("actions", out var actions))
                {
                    foreach (var action in actions.EnumerateArray().Where(action => action.GetProperty("title").GetString() == title))
                    {
                        return (reply, action.GetProperty("data").Clone());
                    }
                }
            }
        }

        throw new InvalidOperationException($"No card action titled \"{title}\" among the replies.");
    }
}
