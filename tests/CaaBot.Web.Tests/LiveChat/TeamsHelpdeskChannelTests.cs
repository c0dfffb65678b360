using System.Net.Http.Json;
using System.Text.Json;
using CaaBot.Bot;
using CaaBot.Helpdesk.Handoff;
using CaaBot.Protocol;
using CaaBot.Protocol.Schema;
using CaaBot.Web.Authentication;
using CaaBot.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CaaBot.Web.Tests.LiveChat;

/// <summary>
/// Agents in a Teams channel, through the real host with a real registration: signed channel tokens on every request,
/// the bot's token from Entra (a stand-in), and the recording connector playing both the user's Teams and the
/// helpdesk team's (another region, another host).
/// </summary>
public sealed class TeamsHelpdeskChannelTests
{
    private const string Secret = "test-only-client-secret";
    private const string HelpdeskChannel = "19:helpdesk-agents@thread.tacv2";
    private const string HelpdeskServiceUrl = "https://smba-helpdesk.example.test/emea/";
    private const string UserConversation = "a:ada-personal";
    private const string BotId = "28:" + ChannelIdentity.AppId;
    private static readonly ChannelIdentity Identity = new();

    [Fact]
    public async Task UserEscalatesWithAnAgentAvailable_AgentTakesChatsInTheThreadAndCloses_UserIsOfferedARating()
    {
        await using var desk = new HelpdeskHost();
        var alex = new Agent("29:alex", "aad-alex", "Alex");

        var available = await desk.PostAsync(alex.Says(HelpdeskChannel + ";messageid=top-1", "available"));
        Assert.Contains(available, reply => reply.Text?.Contains("users are offered a live chat", StringComparison.Ordinal) == true);

        var (thread, cardId, card) = await desk.EscalateAsync("my laptop says **urgent** <script>x</script>");
        var posted = desk.Host.Connector.Requests.Single(request => request.Uri.AbsoluteUri == HelpdeskServiceUrl + "v3/conversations");
        using (var body = JsonDocument.Parse(posted.Body!))
        {
            Assert.True(body.RootElement.GetProperty("isGroup").GetBoolean());
            Assert.Equal(HelpdeskChannel, body.RootElement.GetProperty("channelData").GetProperty("channel").GetProperty("id").GetString());
            Assert.Equal(ChannelIdentity.TenantId, body.RootElement.GetProperty("channelData").GetProperty("tenant").GetProperty("id").GetString());
            Assert.Equal(ChannelIdentity.TenantId, body.RootElement.GetProperty("tenantId").GetString());
            Assert.Equal(BotId, body.RootElement.GetProperty("bot").GetProperty("id").GetString());
        }

        Assert.StartsWith("Bearer bot-token-", posted.Authorization, StringComparison.Ordinal);
        Assert.Contains(Texts(card), text => text.Contains("Ada asks for a person", StringComparison.Ordinal));
        Assert.Contains(Texts(card), text => text == MarkdownText.Escape("my laptop says **urgent** <script>x</script>"));
        Assert.DoesNotContain(Texts(card), text => text.Contains("<script>", StringComparison.Ordinal));

        var take = await desk.PostAsync(alex.Clicks(thread, cardId, card, "Take"));
        Assert.Empty(take);
        var takenCard = await desk.WaitForCardUpdateAsync(thread, cardId, "Taken by");
        Assert.DoesNotContain(Texts(takenCard), text => text == "Take");
        Assert.Contains(Texts(takenCard), text => text.StartsWith("Taken by **Alex**", StringComparison.Ordinal));
        await desk.WaitForThreadLineAsync(thread, "took the chat");
        await desk.WaitForUserLineAsync("**Alex** from the helpdesk has joined");

        Assert.Empty(await desk.PostAsync(alex.Says(thread, "Hi Ada, I'm looking at your ticket now")));
        await desk.WaitForUserLineAsync("**Alex:** Hi Ada, I'm looking at your ticket now");

        var bo = new Agent("29:bo", "aad-bo", "Bo");
        var refused = await desk.PostAsync(bo.Says(thread, "I can help too"));
        Assert.Contains(refused, reply => reply.Text?.Contains("Alex is chatting with Ada", StringComparison.Ordinal) == true);
        Assert.DoesNotContain(desk.Host.Connector.Requests, request => request.Body?.Contains("I can help too", StringComparison.Ordinal) == true);

        await desk.UserSaysAsync("It still says <b>0xCAA20003</b>");
        await desk.WaitForThreadLineAsync(thread, "**Ada:** " + MarkdownText.Escape("It still says <b>0xCAA20003</b>"));

        Assert.Empty(await desk.PostAsync(alex.Clicks(thread, cardId, takenCard, "Close chat")));
        await desk.WaitForCardUpdateAsync(thread, cardId, "Closed by Alex");
        await desk.WaitForThreadLineAsync(thread, "Alex closed the chat");
        await desk.WaitForUserLineAsync("Alex has closed the chat");
        await desk.WaitForUserLineAsync("How did the helpdesk do?");
    }

    [Fact]
    public async Task TwoAgentsTakeAtOnce_OneHasTheChatAndTheOtherIsToldWho()
    {
        await using var desk = new HelpdeskHost();
        var alex = new Agent("29:alex", "aad-alex", "Alex");
        var bo = new Agent("29:bo", "aad-bo", "Bo");
        await desk.PostAsync(alex.Says(HelpdeskChannel + ";messageid=top-1", "available"));
        var (thread, cardId, card) = await desk.EscalateAsync("nothing works");

        var answers = await Task.WhenAll(desk.PostAsync(alex.Clicks(thread, cardId, card, "Take")), desk.PostAsync(bo.Clicks(thread, cardId, card, "Take")));

        var session = Assert.Single(await desk.Host.Services.GetRequiredService<LiveHandoffDesk>().ListOpenAsync(CancellationToken.None));
        var winner = Assert.IsType<HandoffAgent>(session.Agent);
        var loserAnswer = Assert.Single(answers, replies => replies.Count > 0);
        Assert.Contains(loserAnswer, reply => reply.Text == $"{winner.DisplayName} already has this chat.");
        Assert.Equal(winner.DisplayName == "Alex" ? "teams:aad-alex" : "teams:aad-bo", winner.Id);
        await desk.WaitForUserLineAsync($"**{winner.DisplayName}** from the helpdesk has joined");
        Assert.Single(desk.Host.Connector.Requests, request => request.Body?.Contains("from the helpdesk has joined", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task NoRequestEverCameFromTheHelpdeskRegion_TheCardStillGoesOutWithTheBotsToken()
    {
        await using var desk = new HelpdeskHost();
        await desk.Host.Services.GetRequiredService<AgentPresence>().HereAsync(new HandoffAgent("console:sam", "Sam", AgentChannel.Console), TimeSpan.FromMinutes(5), CancellationToken.None);

        await desk.EscalateAsync("help");

        var posted = Assert.Single(desk.Host.Connector.Requests, request => request.Uri.Host == new Uri(HelpdeskServiceUrl).Host);
        Assert.StartsWith("Bearer bot-token-", posted.Authorization, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SameChannelIdFromAnotherTenant_IsNotAnAgent()
    {
        await using var desk = new HelpdeskHost();
        var stranger = new Agent("29:mallory", "aad-mallory", "Mallory") { TenantId = "another-tenant" };

        var replies = await desk.PostAsync(stranger.Says(HelpdeskChannel + ";messageid=top-9", "available"));

        Assert.DoesNotContain(replies, reply => reply.Text?.Contains("offered a live chat", StringComparison.Ordinal) == true);
        Assert.Empty(await desk.Host.Services.GetRequiredService<AgentPresence>().PresentAsync(CancellationToken.None));
    }

    /// <summary>Every string in a card (texts, fact values, button titles), as a client would read them.</summary>
    private static List<string> Texts(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Object => [.. element.EnumerateObject().SelectMany(property => Texts(property.Value))],
        JsonValueKind.Array => [.. element.EnumerateArray().SelectMany(Texts)],
        _ => [],
    };

    /// <summary>A helpdesk agent in the team: messages in the channel mention the bot, as Teams requires.</summary>
    private sealed record Agent(string TeamsId, string AadObjectId, string Name)
    {
        public string TenantId { get; init; } = ChannelIdentity.TenantId;

        public Activity Says(string conversationId, string text) => In(conversationId) with
        {
            Text = "<at>CaaBot</at> " + text,
            Entities = [new Entity
            {
                Type = EntityTypes.Mention,
                Properties = new()
                {
                    ["mentioned"] = JsonSerializer.SerializeToElement(new { id = BotId, name = "CaaBot" }),
                    ["text"] = JsonSerializer.SerializeToElement("<at>CaaBot</at>"),
                },
            }],
        };

        /// <summary>What Teams posts for a click on <paramref name="title"/>: the action's data as the value, the card as the reply target.</summary>
        public Activity Clicks(string conversationId, string cardId, JsonElement card, string title)
        {
            var action = card.GetProperty("actions").EnumerateArray().Single(candidate => candidate.GetProperty("title").GetString() == title);
            return In(conversationId) with { Value = action.GetProperty("data").Clone(), ReplyToId = cardId };
        }

        private Activity In(string conversationId) => new()
        {
            Type = ActivityTypes.Message,
            Id = Guid.NewGuid().ToString("N"),
            ChannelId = CaaBot.Protocol.Schema.Channels.MsTeams,
            ServiceUrl = HelpdeskServiceUrl,
            DeliveryMode = DeliveryModes.ExpectReplies,
            Timestamp = DateTimeOffset.UtcNow,
            From = new ChannelAccount { Id = TeamsId, Name = Name, AadObjectId = AadObjectId },
            Recipient = new ChannelAccount { Id = BotId, Name = "CaaBot" },
            Conversation = new ConversationAccount { Id = conversationId, ConversationType = "channel", IsGroup = true, TenantId = TenantId },
            ChannelData = ProtocolJson.ToElement(new
            {
                channel = new { id = HelpdeskChannel },
                team = new { id = "19:helpdesk-team@thread.tacv2" },
                tenant = new { id = TenantId },
            }),
        };
    }

    /// <summary>The host with the helpdesk channel configured, and Ada in a personal chat with the bot.</summary>
    private sealed class HelpdeskHost : IAsyncDisposable
    {
        private readonly HttpClient _client;

        public HelpdeskHost()
        {
            var entra = new EntraStandIn(Secret);
            Host = new CaaBotHost(
                environment: "Production",
                settings: new()
                {
                    ["MicrosoftAppId"] = ChannelIdentity.AppId,
                    ["MicrosoftAppType"] = "SingleTenant",
                    ["MicrosoftAppTenantId"] = ChannelIdentity.TenantId,
                    ["MicrosoftAppPassword"] = Secret,
                    ["CaaBot:OutboundAuthentication:AuthorityHost"] = EntraStandIn.AuthorityHost,
                    ["CaaBot:Helpdesk:Teams:ChannelId"] = HelpdeskChannel,
                    ["CaaBot:Helpdesk:Teams:ServiceUrl"] = HelpdeskServiceUrl,
                    ["CaaBot:Helpdesk:Teams:TenantId"] = ChannelIdentity.TenantId,
                },
                overrides: services =>
                {
                    Identity.Install(services);
                    services.AddHttpClient(MsalHttpClientFactory.ClientName).ConfigurePrimaryHttpMessageHandler(() => entra);
                });

            // Teams answers a new channel thread with the thread's id and its first message's id.
            Host.Connector.AnswerWith = request => request.Method == HttpMethod.Post && request.Uri.AbsoluteUri == HelpdeskServiceUrl + "v3/conversations"
                ? $$"""{"id":"{{HelpdeskChannel}};messageid={{request.AnsweredId}}","activityId":"{{request.AnsweredId}}"}"""
                : null;
            _client = Host.CreateClient();
        }

        public CaaBotHost Host { get; }

        /// <summary>Posts with a genuine channel token for the activity's service URL; the turn's replies come back in the response.</summary>
        public async Task<IReadOnlyList<Activity>> PostAsync(Activity activity)
        {
            using var response = await Activities.PostAsync(_client, activity, "Bearer " + Identity.ChannelToken(activity.ServiceUrl));
            response.EnsureSuccessStatusCode();
            return (await response.Content.ReadFromJsonAsync<ExpectedReplies>(ProtocolJson.Options))!.Activities;
        }

        public Task<IReadOnlyList<Activity>> UserSaysAsync(string text) => PostAsync(UserActivity() with { Text = text });

        /// <summary>Ada asks for a person, sends the summary and accepts the live chat; returns the card posted in the helpdesk channel.</summary>
        public async Task<(string Thread, string CardId, JsonElement Card)> EscalateAsync(string words)
        {
            await UserSaysAsync(words);
            var summary = await UserSaysAsync("agent");
            var (summaryCard, data) = Activities.CardAction(summary, "Send to helpdesk");
            var form = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(data.GetRawText())!;
            form["consent"] = JsonSerializer.SerializeToElement("true");
            var filed = await PostAsync(UserActivity() with { Value = JsonSerializer.SerializeToElement(form), ReplyToId = summaryCard.Id });
            Assert.Contains(filed, reply => reply.Text?.Contains("An agent is online now", StringComparison.Ordinal) == true);
            var started = await UserSaysAsync("Chat with a person now");
            Assert.Contains(started, reply => reply.Text?.Contains("I've asked the helpdesk to join this chat", StringComparison.Ordinal) == true);

            var created = await WaitForAsync(request => request.Method == HttpMethod.Post && request.Uri.AbsoluteUri == HelpdeskServiceUrl + "v3/conversations");
            var cardId = created.AnsweredId!;
            using var body = JsonDocument.Parse(created.Body!);
            var card = body.RootElement.GetProperty("activity").GetProperty("attachments")[0].GetProperty("content").Clone();
            return (HelpdeskChannel + ";messageid=" + cardId, cardId, card);
        }

        public async Task<JsonElement> WaitForCardUpdateAsync(string thread, string cardId, string containing)
        {
            var path = $"/emea/v3/conversations/{Uri.EscapeDataString(thread)}/activities/{Uri.EscapeDataString(cardId)}";
            var update = await WaitForAsync(request => request.Method == HttpMethod.Put && request.Uri.AbsolutePath == path
                && Texts(CardIn(request.Body!)).Any(text => text.Contains(containing, StringComparison.Ordinal)));
            return CardIn(update.Body!);
        }

        public Task WaitForThreadLineAsync(string thread, string containing) => WaitForTextAsync($"/emea/v3/conversations/{Uri.EscapeDataString(thread)}/activities", containing);

        public Task WaitForUserLineAsync(string containing) => WaitForTextAsync($"/amer/v3/conversations/{Uri.EscapeDataString(UserConversation)}/activities", containing);

        public async ValueTask DisposeAsync()
        {
            _client.Dispose();
            await Host.DisposeAsync();
            Host.DeleteData();
        }

        private static JsonElement CardIn(string body)
        {
            using var activity = JsonDocument.Parse(body);
            return activity.RootElement.GetProperty("attachments")[0].GetProperty("content").Clone();
        }

        private async Task WaitForTextAsync(string path, string containing) =>
            await WaitForAsync(request => request.Method == HttpMethod.Post && request.Uri.AbsolutePath == path
                && Texts(JsonDocument.Parse(request.Body!).RootElement).Any(text => text.Contains(containing, StringComparison.Ordinal)));

        private async Task<RecordedRequest> WaitForAsync(Func<RecordedRequest, bool> match)
        {
            for (var waited = TimeSpan.Zero; waited < TimeSpan.FromSeconds(20); waited += TimeSpan.FromMilliseconds(50))
            {
                if (Host.Connector.Requests.FirstOrDefault(match) is { } found)
                {
                    return found;
                }

                await Task.Delay(50);
            }

            throw new TimeoutException("No such Connector request within 20 s. Seen: " + string.Join(" | ", Host.Connector.Requests.Select(request => $"{request.Method} {request.Uri.AbsolutePath}")));
        }

        private static Activity UserActivity() => new()
        {
            Type = ActivityTypes.Message,
            Id = Guid.NewGuid().ToString("N"),
            ChannelId = CaaBot.Protocol.Schema.Channels.MsTeams,
            ServiceUrl = Activities.ServiceUrl,
            DeliveryMode = DeliveryModes.ExpectReplies,
            Timestamp = DateTimeOffset.UtcNow,
            From = new ChannelAccount { Id = "29:ada", Name = "Ada", AadObjectId = "aad-ada" },
            Recipient = new ChannelAccount { Id = BotId, Name = "CaaBot" },
            Conversation = new ConversationAccount { Id = UserConversation, ConversationType = "personal", TenantId = ChannelIdentity.TenantId },
            ChannelData = ProtocolJson.ToElement(new { tenant = new { id = ChannelIdentity.TenantId } }),
        };
    }
}
