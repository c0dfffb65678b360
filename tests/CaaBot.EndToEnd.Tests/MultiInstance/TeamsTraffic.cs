using System.Net.Http.Json;
using System.Text.Json;
using CaaBot.Protocol;
using CaaBot.Protocol.Schema;

namespace CaaBot.EndToEnd.Tests.MultiInstance;

/// <summary>Teams-shaped activities (personal chat, tenant, AAD object id) posted to an instance's or the proxy's <c>/api/messages</c>.</summary>
internal static class TeamsTraffic
{
    public const string TenantId = "6f3c1a52-4b7e-4e0f-9d1a-0a5b3c7d9e21";

    public static Activity Message(Uri serviceUrl, string conversationId, string userId, string text, string? deliveryMode = null, IReadOnlyList<Attachment>? attachments = null) => new()
    {
        Type = ActivityTypes.Message,
        Id = Guid.NewGuid().ToString("N"),
        ChannelId = "msteams",
        ServiceUrl = serviceUrl.ToString(),
        DeliveryMode = deliveryMode,
        Text = text,
        TextFormat = "plain",
        Locale = "en-US",
        Timestamp = DateTimeOffset.UtcNow,
        From = new ChannelAccount { Id = "29:" + userId, Name = "Ada Lovelace", AadObjectId = DeterministicGuid(userId) },
        Recipient = new ChannelAccount { Id = "28:caabot", Name = "CaaBot" },
        Conversation = new ConversationAccount { Id = "a:" + conversationId, ConversationType = "personal", TenantId = TenantId },
        ChannelData = ProtocolJson.ToElement(new { tenant = new { id = TenantId } }),
        Attachments = attachments,
    };

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, Activity activity, CancellationToken cancellationToken) =>
        await client.PostAsJsonAsync(new Uri("/api/messages", UriKind.Relative), activity, ProtocolJson.Options, cancellationToken);

    /// <summary>Posts with <c>expectReplies</c> and returns the replies.</summary>
    public static async Task<IReadOnlyList<Activity>> ExchangeAsync(HttpClient client, Activity activity, CancellationToken cancellationToken)
    {
        using var response = await PostAsync(client, activity with { DeliveryMode = DeliveryModes.ExpectReplies }, cancellationToken);
        response.EnsureSuccessStatusCode();
        var replies = await response.Content.ReadFromJsonAsync<ExpectedReplies>(ProtocolJson.Options, cancellationToken);
        return replies?.Activities ?? [];
    }

    /// <summary>The texts and card JSON of <paramref name="replies"/>, for searching.</summary>
    public static string Render(IEnumerable<Activity> replies) => string.Join(
        Environment.NewLine,
        replies.Select(reply => reply.Text + " " + string.Join(' ', (reply.Attachments ?? []).Select(attachment => attachment.Content?.GetRawText() ?? string.Empty))));

    private static string DeterministicGuid(string seed) =>
        new Guid(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(seed))).ToString();
}
