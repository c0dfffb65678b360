using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CaaBot.Bot;
using CaaBot.Bot.Dialogs;
using CaaBot.Conversations.Turns;
using CaaBot.Protocol.Schema;
using CaaBot.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CaaBot.Web.Tests.Endpoints;

public sealed class BotMessagesApiTests : IDisposable
{
    private readonly CaaBotHost _host = new();

    public void Dispose()
    {
        _host.Dispose();
        _host.DeleteData();
    }

    [Fact]
    public async Task Post_ThreeTurnConversationWithExpectReplies_RepliesInResponseBodies()
    {
        var client = _host.CreateClient();

        Assert.Equal([TriageDialog.GreetingPrompt], await Activities.ExchangeAsync(client, "c1", "1", "hi"));
        Assert.Equal([TriageDialog.AskSymptomPrompt], await Activities.ExchangeAsync(client, "c1", "2", TriageDialog.NoCodeChoice));
        Assert.Equal([TriageDialog.AskPlatformPrompt], await Activities.ExchangeAsync(client, "c1", "3", "teams keeps asking for my password"));
    }

    [Fact]
    public async Task Post_UserTextWithMarkdownAndHtml_IsEscapedInTheEscalationCard()
    {
        var client = _host.CreateClient();
        await Activities.ExchangeAsync(client, "c-escape", "1", "hi");
        await Activities.ExchangeAsync(client, "c-escape", "2", "<script>alert(1)</script> **bold** teams will not let me in");

        using var response = await Activities.PostAsync(client, Activities.Message("c-escape", "3", "agent"));
        var replies = (await response.Content.ReadFromJsonAsync<ExpectedReplies>(CaaBot.Protocol.ProtocolJson.Options))!.Activities;

        var card = replies.Select(reply => reply.Attachments?.FirstOrDefault()?.Content).OfType<JsonElement>().Single();
        var texts = TextBlocks(card).ToList();
        Assert.Contains(texts, text => text.Contains(@"\<script\>alert\(1\)\</script\> \*\*bold\*\*", StringComparison.Ordinal));
        Assert.DoesNotContain(texts, text => text.Contains("<script>", StringComparison.Ordinal) || text.Contains("**bold**", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Post_NormalDelivery_PostsReplyToTheActivitysServiceUrl()
    {
        var client = _host.CreateClient();

        using var response = await Activities.PostAsync(client, Activities.Message("a:1;messageid=7", "act-1", "hi", deliveryMode: null));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Assert.Single(_host.Connector.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal("https://smba.example.test/amer/v3/conversations/a%3A1%3Bmessageid%3D7/activities/act-1", sent.Uri.AbsoluteUri);
        var reply = JsonSerializer.Deserialize<Activity>(sent.Body!, CaaBot.Protocol.ProtocolJson.Options)!;
        Assert.Equal(TriageDialog.GreetingPrompt, reply.Text);
        Assert.Equal("act-1", reply.ReplyToId);
        Assert.Equal("user-1", reply.Recipient?.Id);
        Assert.Null(sent.Authorization);
    }

    [Fact]
    public async Task Post_NormalDeliveryWithoutServiceUrl_Returns400()
    {
        var client = _host.CreateClient();

        using var response = await Activities.PostAsync(client, Activities.Message("c2", "1", "hi", deliveryMode: null) with { ServiceUrl = "not a url" });

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Empty(_host.Connector.Requests);
    }

    [Fact]
    public async Task Post_ConversationUpdateTwice_WelcomesOnce()
    {
        var client = _host.CreateClient();
        var update = Activities.Message("c-welcome", "u1", string.Empty) with
        {
            Type = ActivityTypes.ConversationUpdate,
            Text = null,
            MembersAdded = [new ChannelAccount { Id = "caabot" }, new ChannelAccount { Id = "user-1" }],
        };

        var first = await RepliesAsync(await Activities.PostAsync(client, update));
        var second = await RepliesAsync(await Activities.PostAsync(client, update with { Id = "u2" }));

        Assert.Equal([SupportBot.Welcome], first);
        Assert.Empty(second);
    }

    [Fact]
    public async Task Post_Typing_IsAcknowledgedAndIgnored()
    {
        var client = _host.CreateClient();

        using var response = await Activities.PostAsync(client, Activities.Message("c3", "t1", string.Empty, deliveryMode: null) with { Type = ActivityTypes.Typing, Text = null });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(_host.Connector.Requests);
    }

    [Fact]
    public async Task Post_UnhandledInvoke_Returns501()
    {
        var client = _host.CreateClient();

        using var response = await Activities.PostAsync(client, Activities.Message("c4", "i1", string.Empty, deliveryMode: null) with { Type = ActivityTypes.Invoke, Name = "composeExtension/query", Text = null });

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
    }

    [Fact]
    public async Task Post_InvokeHandledByBot_ReturnsItsStatusAndBody()
    {
        // Any invoke the host does not translate itself (adaptiveCard/action is run as a card submit, see CardActionAndBudgetTests).
        using var host = new CaaBotHost(overrides: services => services.AddSingleton<IBot>(new InvokeAnsweringBot()));
        var client = host.CreateClient();

        using var response = await Activities.PostAsync(client, Activities.Message("c5", "i1", string.Empty, deliveryMode: null) with { Type = ActivityTypes.Invoke, Name = "task/fetch", Text = null });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Activities.ReadJsonAsync(response);
        Assert.Equal(200, body.GetProperty("statusCode").GetInt32());
        Assert.Equal("application/vnd.microsoft.activity.message", body.GetProperty("type").GetString());
        Assert.Equal("Thanks!", body.GetProperty("value").GetString());
        host.DeleteData();
    }

    [Fact]
    public async Task Post_SameActivityRedeliveredConcurrently_IsProcessedOnce()
    {
        var client = _host.CreateClient();
        var activity = Activities.Message("c-dup", "same-id", "hi");

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Activities.PostAsync(client, activity)));
        var replyCounts = await Task.WhenAll(responses.Select(async r => (await RepliesAsync(r)).Count));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, replyCounts.Count(count => count > 0));
    }

    [Fact]
    public async Task Post_ManyConversationsInParallel_EachGetsItsOwnAnswers()
    {
        var client = _host.CreateClient();

        var conversations = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            var id = $"parallel-{i}";
            await Activities.ExchangeAsync(client, id, "1", "hi");
            return (await Activities.ExchangeAsync(client, id, "2", Code(i)))[0];
        }));

        // Codes without a guide: the bot names each conversation's own code back.
        Assert.All(conversations.Select((reply, i) => (reply, i)), pair => Assert.Contains($"I don't have a guide for **{Code(pair.i)}**", pair.reply, StringComparison.Ordinal));

        static string Code(int i) => string.Create(CultureInfo.InvariantCulture, $"0xCAA3{i:X4}");
    }

    [Fact]
    public async Task Post_BotThrows_UserGetsReferenceButNoExceptionText()
    {
        using var host = new CaaBotHost(overrides: services => services.AddSingleton<IBot>(new ThrowingBot()));
        var client = host.CreateClient();

        var reply = Assert.Single(await Activities.ExchangeAsync(client, "c-throw", "1", "hi"));

        Assert.DoesNotContain(ThrowingBot.Secret, reply, StringComparison.Ordinal);
        Assert.Matches("[0-9A-F]{6,}", reply);
        host.DeleteData();
    }

    [Fact]
    public async Task Post_ConversationContinuesAfterHostRestart_StateIsDurable()
    {
        var client = _host.CreateClient();
        await Activities.ExchangeAsync(client, "c-restart", "1", "hi");
        await Activities.ExchangeAsync(client, "c-restart", "2", TriageDialog.NoCodeChoice);
        _host.Dispose();

        using var restarted = new CaaBotHost(dataDirectory: _host.DataDirectory);
        var next = Assert.Single(await Activities.ExchangeAsync(restarted.CreateClient(), "c-restart", "3", "teams keeps asking for my password"));

        Assert.Equal(TriageDialog.AskPlatformPrompt, next);
        Assert.True(File.Exists(Path.Combine(_host.DataDirectory, "caabot.db")));
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("42")]
    [InlineData("{\"text\":\"no type\"}")]
    [InlineData("{\"type\":\"message\",\"channelData\":{\"unterminated\":")]
    public async Task Post_MalformedBody_Returns400ProblemDetails(string body)
    {
        var client = _host.CreateClient();

        using var response = await client.PostAsync("/api/messages", new StringContent(body, Encoding.UTF8, "application/json"));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Post_MissingConversation_Returns400()
    {
        var client = _host.CreateClient();

        using var response = await Activities.PostAsync(client, Activities.Message("x", "1", "hi") with { Conversation = null });

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Post_NotJson_Returns415()
    {
        var client = _host.CreateClient();

        using var response = await client.PostAsync("/api/messages", new StringContent("hi", Encoding.UTF8, "text/plain"));

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Post_BodyLargerThanLimit_Returns413()
    {
        var client = _host.CreateClient();
        var huge = JsonSerializer.Serialize(new { type = "message", text = new string('a', 300_000) });

        using var response = await client.PostAsync("/api/messages", new StringContent(huge, Encoding.UTF8, "application/json"));

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Post_ChunkedBodyLargerThanLimit_Returns413()
    {
        var client = _host.CreateClient();
        var huge = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { type = "message", text = new string('a', 300_000) }));
        using var content = new StreamContent(new MemoryStream(huge));
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await client.SendAsync(request);

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task OtherMethods_Return405(string method)
    {
        var client = _host.CreateClient();

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/api/messages"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    private static async Task<IReadOnlyList<string>> RepliesAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var body = await Activities.ReadJsonAsync(response);
            return [.. body.GetProperty("activities").EnumerateArray().Select(a => a.TryGetProperty("text", out var t) ? t.GetString() ?? string.Empty : string.Empty)];
        }
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await Activities.ReadJsonAsync(response);
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
    }

    private sealed class ThrowingBot : IBot
    {
        public const string Secret = "connection string Password=hunter2";

        public Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
            throw new InvalidOperationException(Secret);
    }

    private sealed class InvokeAnsweringBot : IBot
    {
        public Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken)
        {
            turnContext.InvokeResponse = new InvokeResponse(200, JsonSerializer.SerializeToElement(new
            {
                statusCode = 200,
                type = "application/vnd.microsoft.activity.message",
                value = "Thanks!",
            }));
            return Task.CompletedTask;
        }
    }

    private static IEnumerable<string> TextBlocks(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                if (element.TryGetProperty("type", out var type) && type.GetString() == "TextBlock" && element.TryGetProperty("text", out var text))
                {
                    yield return text.GetString()!;
                }

                foreach (var property in element.EnumerateObject())
                {
                    foreach (var nested in TextBlocks(property.Value))
                    {
                        yield return nested;
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    foreach (var nested in TextBlocks(item))
                    {
                        yield return nested;
                    }
                }

                break;
        }
    }
}
