using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CaaBot.Bot;
using CaaBot.Bot.Dialogs;
using CaaBot.Helpdesk.Tickets;
using CaaBot.Protocol;
using CaaBot.Protocol.Schema;
using CaaBot.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CaaBot.Web.Tests.DirectLine;

/// <summary>The Direct Line channel and the /chat page hosted by the real app, with the real support bot behind it.</summary>
public sealed class WebChatHostingTests
{
    private const string SigningKey = "web tests only: a signing key of 32+ bytes";

    [Fact]
    public async Task Conversation_Start_TheSupportBotWelcomesThroughDirectLine()
    {
        using var host = new CaaBotHost();
        try
        {
            var client = host.CreateClient();
            var (conversationId, token) = await StartAsync(client);

            var set = await GetActivitiesAsync(client, conversationId, token, watermark: null);

            var welcome = Assert.Single(set.Activities);
            Assert.Equal(SupportBot.Welcome, welcome.Text);
            Assert.Equal("bot", welcome.From?.Role);
            Assert.Equal("directline", welcome.ChannelId);
        }
        finally
        {
            host.DeleteData();
        }
    }

    [Fact]
    public async Task Conversation_HostRestartsOnTheSameSqliteFile_ClientResumesFromItsWatermark()
    {
        var settings = new Dictionary<string, string?> { ["CaaBot:DirectLine:TokenSigningKey"] = SigningKey };
        string conversationId, token, watermark, dataDirectory;
        using (var before = new CaaBotHost(settings: settings))
        {
            var client = before.CreateClient();
            (conversationId, token) = await StartAsync(client);
            await PostAsync(client, conversationId, token, "hi");
            watermark = (await GetActivitiesAsync(client, conversationId, token, watermark: null)).Watermark;
            dataDirectory = before.DataDirectory;
        }

        using var after = new CaaBotHost(settings: settings, dataDirectory: dataDirectory);
        try
        {
            var client = after.CreateClient();
            var nothingLost = await GetActivitiesAsync(client, conversationId, token, watermark: null);
            var nothingNew = await GetActivitiesAsync(client, conversationId, token, watermark);
            var posted = await PostAsync(client, conversationId, token, TriageDialog.NoCodeChoice);
            var resumed = await GetActivitiesAsync(client, conversationId, token, watermark);

            Assert.Equal(watermark, nothingLost.Watermark);
            Assert.Equal(3, nothingLost.Activities.Count);
            Assert.Empty(nothingNew.Activities);
            Assert.Equal(2, resumed.Activities.Count);
            Assert.Equal((posted, TriageDialog.NoCodeChoice), (resumed.Activities[0].Id, resumed.Activities[0].Text));
            Assert.Equal(posted, resumed.Activities[1].ReplyToId);
            Assert.Equal(TriageDialog.AskSymptomPrompt, resumed.Activities[1].Text); // the conversation went on where it was
        }
        finally
        {
            after.DeleteData();
        }
    }

    [Fact]
    public async Task Journey_WebChatCardClickWithoutReplyToId_ReplacesTheClickedCardInPlaceAndShowsTheNextStep()
    {
        using var host = new CaaBotHost();
        try
        {
            var client = host.CreateClient();
            var (conversationId, token) = await StartAsync(client);
            await PostAsync(client, conversationId, token, "0xCAA20004 on windows");
            var afterCode = await GetActivitiesAsync(client, conversationId, token, watermark: null);
            var stepCard = afterCode.Activities.Last(activity => activity.Attachments is { Count: > 0 });
            var nextButton = Submits(stepCard).Single(action => action.GetProperty("title").GetString() == "Still broken, next step");

            // Exactly what Web Chat posts for a click: the button's data, postBack, and no replyToId.
            await PostActivityAsync(client, conversationId, token, new Activity
            {
                Type = ActivityTypes.Message,
                Value = nextButton.GetProperty("data").Clone(),
                ChannelData = ProtocolJson.ToElement(new { postBack = true }),
            });
            var afterClick = await GetActivitiesAsync(client, conversationId, token, afterCode.Watermark);

            var replaced = Assert.Single(afterClick.Activities, activity => activity.Id == stepCard.Id);
            Assert.Empty(Submits(replaced));
            Assert.Contains("still broken", replaced.Attachments![0].Content!.Value.GetRawText(), StringComparison.Ordinal);
            var next = afterClick.Activities.Last(activity => activity.Attachments is { Count: > 0 });
            Assert.NotEqual(stepCard.Id, next.Id);
            Assert.Contains("Step 2 of", next.Attachments![0].Content!.Value.GetRawText(), StringComparison.Ordinal);
        }
        finally
        {
            host.DeleteData();
        }
    }

    [Fact]
    public async Task Journey_ScreenshotUploadedMidStep_IsAcknowledgedAndAttachedToTheTicket()
    {
        using var host = new CaaBotHost();
        try
        {
            var client = host.CreateClient();
            var (conversationId, token) = await StartAsync(client);
            await PostAsync(client, conversationId, token, "0xCAA20004 on windows");
            var beforeUpload = await GetActivitiesAsync(client, conversationId, token, watermark: null);

            // What DirectLineJS sends for a file picked in Web Chat: multipart with the activity part and the file.
            using var form = new MultipartFormDataContent();
            var activityPart = JsonContent.Create(new Activity { Type = ActivityTypes.Message }, options: ProtocolJson.Options);
            activityPart.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.microsoft.activity");
            form.Add(activityPart, "activity", "blob");
            var png = new ByteArrayContent([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]);
            png.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            form.Add(png, "file", "sign-in error.png");
            using var upload = new HttpRequestMessage(HttpMethod.Post, new Uri($"/v3/directline/conversations/{conversationId}/upload", UriKind.Relative)) { Content = form };
            upload.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using (var uploaded = await client.SendAsync(upload))
            {
                uploaded.EnsureSuccessStatusCode();
            }

            var afterUpload = await GetActivitiesAsync(client, conversationId, token, beforeUpload.Watermark);
            var echo = Assert.Single(afterUpload.Activities, activity => activity.From?.Role == "user");
            var link = Assert.Single(echo.Attachments!).ContentUrl;
            Assert.Contains(afterUpload.Activities, activity => activity.Text?.StartsWith("Thanks, I've kept sign\\-in error\\.png", StringComparison.Ordinal) == true);
            Assert.Contains(afterUpload.Activities, activity => activity.Attachments?.FirstOrDefault()?.Content?.GetRawText().Contains("Step 1 of", StringComparison.Ordinal) == true);

            await PostAsync(client, conversationId, token, "agent");
            var summary = (await GetActivitiesAsync(client, conversationId, token, afterUpload.Watermark)).Activities.Last(activity => activity.Attachments is { Count: > 0 });
            Assert.Contains(Strings(summary.Attachments![0].Content!.Value), text => text.Contains(MarkdownText.Escape("sign-in error.png"), StringComparison.Ordinal));
            var send = Submits(summary).Single(action => action.GetProperty("title").GetString() == "Send to helpdesk");
            var data = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(send.GetProperty("data").GetRawText())!;
            data["consent"] = JsonSerializer.SerializeToElement("true");
            await PostActivityAsync(client, conversationId, token, new Activity
            {
                Type = ActivityTypes.Message,
                Value = JsonSerializer.SerializeToElement(data),
                ChannelData = ProtocolJson.ToElement(new { postBack = true }),
            });

            var ticket = Assert.Single(await host.Services.GetRequiredService<ITicketQueue>().ListRecentAsync(10, CancellationToken.None));
            var attached = Assert.Single(ticket.Request.Attachments);
            Assert.Equal(("sign-in error.png", "image/png", link), (attached.Name, attached.ContentType, attached.ContentUrl));
        }
        finally
        {
            host.DeleteData();
        }
    }

    [Fact]
    public async Task ChatPage_Branding_IsEncodedAndTheCspAllowsOnlyThisOrigin()
    {
        using var host = new CaaBotHost(settings: new()
        {
            ["CaaBot:WebChat:BotName"] = "Help <script>alert(1)</script>",
            ["CaaBot:WebChat:LogoUrl"] = "javascript:alert(1)",
            ["CaaBot:DirectLine:AllowedOrigins:0"] = "https://intranet.example",
        });
        try
        {
            using var response = await host.CreateClient().GetAsync(new Uri("/chat", UriKind.Relative));
            var html = await response.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
            Assert.DoesNotContain("javascript:", html, StringComparison.Ordinal);
            Assert.Contains("Help &lt;script&gt;", html, StringComparison.Ordinal);
            var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'self' https://intranet.example;", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        }
        finally
        {
            host.DeleteData();
        }
    }

    [Fact]
    public async Task WebChatBundle_IsServedFromTheBuildOutput()
    {
        using var host = new CaaBotHost();
        try
        {
            using var response = await host.CreateClient().GetAsync(new Uri("/chat/webchat.js", UriKind.Relative));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
            Assert.True(response.Content.Headers.ContentLength > 1_000_000);
        }
        finally
        {
            host.DeleteData();
        }
    }

    private static async Task<(string ConversationId, string Token)> StartAsync(HttpClient client)
    {
        using var generated = await client.PostAsync(new Uri("/v3/directline/tokens/generate", UriKind.Relative), null);
        generated.EnsureSuccessStatusCode();
        var token = JsonDocument.Parse(await generated.Content.ReadAsStringAsync()).RootElement.GetProperty("token").GetString()!;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/v3/directline/conversations", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var started = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var conversation = JsonDocument.Parse(await started.Content.ReadAsStringAsync()).RootElement;
        return (conversation.GetProperty("conversationId").GetString()!, conversation.GetProperty("token").GetString()!);
    }

    private static Task<string> PostAsync(HttpClient client, string conversationId, string token, string text) =>
        PostActivityAsync(client, conversationId, token, new Activity { Type = ActivityTypes.Message, Text = text, From = new ChannelAccount { Id = "page" } });

    /// <summary>Every string value in a card, wherever it sits.</summary>
    private static IEnumerable<string> Strings(JsonElement node) => node.ValueKind switch
    {
        JsonValueKind.String => [node.GetString()!],
        JsonValueKind.Object => node.EnumerateObject().SelectMany(property => Strings(property.Value)),
        JsonValueKind.Array => node.EnumerateArray().SelectMany(Strings),
        _ => [],
    };

    private static IEnumerable<JsonElement> Submits(Activity activity) =>
        activity.Attachments is { Count: > 0 } attachments && attachments[0].Content is { } card && card.TryGetProperty("actions", out var actions)
            ? actions.EnumerateArray().Where(action => action.GetProperty("type").GetString() == "Action.Submit").ToList()
            : [];

    private static async Task<string> PostActivityAsync(HttpClient client, string conversationId, string token, Activity activity)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/v3/directline/conversations/{conversationId}/activities", UriKind.Relative))
        {
            Content = JsonContent.Create(activity, options: ProtocolJson.Options),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ResourceResponse>(ProtocolJson.Options))!.Id!;
    }

    private static async Task<CaaBot.DirectLine.Api.ActivitySet> GetActivitiesAsync(HttpClient client, string conversationId, string token, string? watermark)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"/v3/directline/conversations/{conversationId}/activities?watermark={watermark}", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<CaaBot.DirectLine.Api.ActivitySet>(ProtocolJson.Options))!;
    }
}
