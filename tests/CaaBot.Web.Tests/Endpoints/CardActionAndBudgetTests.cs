using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CaaBot.Conversations.Testing.Time;
using CaaBot.Conversations.Turns;
using CaaBot.Protocol;
using CaaBot.Protocol.Schema;
using CaaBot.Web.Channels;
using CaaBot.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CaaBot.Web.Tests.Endpoints;

/// <summary>Teams' <c>Action.Execute</c> invoke, and turns that outlive the channel's wait.</summary>
public sealed class CardActionAndBudgetTests
{
    private const string Conversation = "a:teams-personal-7";

    private static Activity Teams(Activity activity) => activity with
    {
        ChannelId = CaaBot.Protocol.Schema.Channels.MsTeams,
        Conversation = new ConversationAccount { Id = Conversation, ConversationType = "personal" },
    };

    private static async Task<IReadOnlyList<Activity>> ExchangeAsync(HttpClient client, string text)
    {
        using var response = await Activities.PostAsync(client, Teams(Activities.Message(Conversation, Guid.NewGuid().ToString("N"), text)));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ExpectedReplies>(ProtocolJson.Options))!.Activities;
    }

    private static Activity ExecuteInvoke(string? replyToId, object value) => Teams(Activities.Message(Conversation, Guid.NewGuid().ToString("N"), "x", deliveryMode: null)) with
    {
        Type = ActivityTypes.Invoke,
        Name = AdaptiveCardAction.InvokeName,
        Text = null,
        ReplyToId = replyToId,
        Value = JsonSerializer.SerializeToElement(value),
    };

    [Fact]
    public async Task ActionExecute_OnAStepCard_RunsAsTheSubmitAndReturnsTheAnsweredCardInsteadOfAPut()
    {
        await using var host = new CaaBotHost();
        using var client = host.CreateClient();
        await ExchangeAsync(client, "0xCAA20004");
        var (card, data) = Activities.CardAction(await ExchangeAsync(client, "Windows PC"), "That fixed it");
        var verb = data.GetProperty("action").GetString();
        var dataWithoutAction = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(data)!;
        dataWithoutAction.Remove("action");

        using var response = await Activities.PostAsync(
            client,
            ExecuteInvoke(card.Id, new { action = new { type = "Action.Execute", verb, data = dataWithoutAction }, trigger = "manual" }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Activities.ReadJsonAsync(response);
        Assert.Equal(200, body.GetProperty("statusCode").GetInt32());
        Assert.Equal(ContentTypes.AdaptiveCard, body.GetProperty("type").GetString());
        Assert.Contains("fixed it", body.GetProperty("value").GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("\"Action.Submit\"", body.GetProperty("value").GetRawText(), StringComparison.Ordinal);

        // The next question went out through the Connector; the clicked card was not PUT as well.
        Assert.Contains(host.Connector.Requests, request => request.Method == HttpMethod.Post && request.Body!.Contains("Can you sign in to Teams now?", StringComparison.Ordinal));
        Assert.DoesNotContain(host.Connector.Requests, request => request.Method == HttpMethod.Put);
    }

    [Theory]
    [InlineData("""{"action":{"type":"Action.Submit","data":{"action":"fixed"}}}""", "NotSupported")]
    [InlineData("""{"trigger":"manual"}""", "BadRequest")]
    [InlineData("""{"action":{"type":"Action.Execute","verb":"fixed","data":[1,2]}}""", "BadRequest")]
    public async Task ActionExecute_MalformedOrOtherAction_AnswersWithAnErrorBodyAndRunsNothing(string value, string code)
    {
        await using var host = new CaaBotHost();
        using var client = host.CreateClient();

        using var response = await Activities.PostAsync(client, ExecuteInvoke("card-1", JsonDocument.Parse(value).RootElement));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Activities.ReadJsonAsync(response);
        Assert.Equal(400, body.GetProperty("statusCode").GetInt32());
        Assert.Equal(ContentTypes.Error, body.GetProperty("type").GetString());
        Assert.Equal(code, body.GetProperty("value").GetProperty("code").GetString());
        Assert.Empty(host.Connector.Requests);
    }

    [Fact]
    public async Task SlowTurn_OverTheBudget_IsAcceptedAtOnceAndItsReplyFollowsThroughTheConnector()
    {
        var clock = new ManualTimeProvider();
        var gate = new TaskCompletionSource();
        await using var host = new CaaBotHost(
            settings: new() { ["CaaBot:TurnResponseBudget"] = "00:00:01" },
            overrides: services =>
            {
                services.AddSingleton<TimeProvider>(clock);
                services.AddSingleton<IBot>(new GatedBot(gate.Task));
            });
        using var client = host.CreateClient();

        var posting = Activities.PostAsync(client, Teams(Activities.Message(Conversation, "m1", "hello", deliveryMode: null)));
        while (!posting.IsCompleted)
        {
            clock.Advance(TimeSpan.FromMilliseconds(250));
            await Task.WhenAny(posting, Task.Delay(20));
        }

        using var response = await posting;
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.DoesNotContain(host.Connector.Requests, request => request.Body?.Contains("done at last", StringComparison.Ordinal) == true);

        gate.SetResult();
        for (var waited = 0; waited < 400 && !host.Connector.Requests.Any(request => request.Body?.Contains("done at last", StringComparison.Ordinal) == true); waited++)
        {
            await Task.Delay(50);
        }

        Assert.Contains(host.Connector.Requests, request => request.Body?.Contains("done at last", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task FastTurn_WithinTheBudget_IsAnsweredWithOk()
    {
        await using var host = new CaaBotHost();
        using var client = host.CreateClient();

        using var response = await Activities.PostAsync(client, Teams(Activities.Message(Conversation, "m1", "hello", deliveryMode: null)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private sealed class GatedBot(Task gate) : IBot
    {
        public async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken)
        {
            await gate.WaitAsync(cancellationToken);
            await turnContext.SendActivityAsync(MessageFactory.Text("done at last"), cancellationToken);
        }
    }
}
