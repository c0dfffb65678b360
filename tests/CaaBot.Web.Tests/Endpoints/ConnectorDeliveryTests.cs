using System.Net;
using System.Text;
using CaaBot.Conversations.Turns;
using CaaBot.Protocol.Connector;
using CaaBot.Protocol.Schema;
using CaaBot.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CaaBot.Web.Tests.Endpoints;

/// <summary>Replies through the Connector as Teams sees them: typing while a turn is slow, silence towards a user who blocked the bot.</summary>
public sealed class ConnectorDeliveryTests
{
    [Fact]
    public async Task SlowTurn_TypingIsShownBeforeTheReply()
    {
        CaaBotHost? host = null;
        var bot = new WaitsForTypingBot(() => host!.Connector.All.Any(request => request.Body?.Contains("\"type\":\"typing\"", StringComparison.Ordinal) == true));
        using var created = host = new CaaBotHost(overrides: services => services.AddSingleton<IBot>(bot));
        try
        {
            using var response = await Activities.PostAsync(host.CreateClient(), Activities.Message("slow-1", "1", "file my ticket", deliveryMode: null));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(bot.SawTyping, "The bot gave up waiting: no typing indicator reached the Connector while the turn ran.");
            var bodies = host.Connector.All.Select(request => request.Body ?? string.Empty).ToList();
            var typing = bodies.FindIndex(body => body.Contains("\"type\":\"typing\"", StringComparison.Ordinal));
            var reply = bodies.FindIndex(body => body.Contains("done after a while", StringComparison.Ordinal));
            Assert.InRange(typing, 0, reply - 1);
            Assert.Contains("\"recipient\":{\"id\":\"user-1\"", bodies[typing], StringComparison.Ordinal);
        }
        finally
        {
            host.DeleteData();
        }
    }

    [Theory]
    [InlineData(HttpStatusCode.Forbidden, "ConversationBlockedByUser")]
    [InlineData(HttpStatusCode.NotFound, "ConversationNotFound")]
    public async Task ReplyRefusedBecauseTheUserBlockedOrRemovedTheBot_AnswersOkAndKeepsTheTurn(HttpStatusCode refusal, string code)
    {
        var refusing = new RefusingConnector(refusal, code);
        using var host = new CaaBotHost(overrides: services =>
            services.AddHttpClient<ConnectorClient>().ConfigurePrimaryHttpMessageHandler(() => refusing));
        try
        {
            var client = host.CreateClient();
            using var first = await Activities.PostAsync(client, Activities.Message("blocked-1", "1", "hi", deliveryMode: null));
            using var replayed = await Activities.PostAsync(client, Activities.Message("blocked-1", "1", "hi", deliveryMode: null));

            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
            Assert.Equal(1, refusing.Attempts); // committed on the first try: the redelivery is recognised and not run again
        }
        finally
        {
            host.DeleteData();
        }
    }

    [Fact]
    public async Task Replies_GoThroughTheHostsConversationPacer()
    {
        using var host = new CaaBotHost();
        try
        {
            using var response = await Activities.PostAsync(host.CreateClient(), Activities.Message("paced-1", "1", "hi", deliveryMode: null));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.NotEmpty(host.Connector.Requests);
            Assert.Equal(1, host.Services.GetRequiredService<ConversationSendPacer>().TrackedConversations);
        }
        finally
        {
            host.DeleteData();
        }
    }

    /// <summary>Works until the host has shown typing (or ten seconds pass), then replies.</summary>
    private sealed class WaitsForTypingBot(Func<bool> typingSeen) : IBot
    {
        public bool SawTyping { get; private set; }

        public async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken)
        {
            if (turnContext.Activity.Type != ActivityTypes.Message)
            {
                return;
            }

            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (!typingSeen() && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50, cancellationToken);
            }

            SawTyping = typingSeen();
            await turnContext.SendActivityAsync("done after a while", cancellationToken);
        }
    }

    /// <summary>Refuses everything; counts the bot's replies, not typing indicators (sent only when a turn happens to be slow).</summary>
    private sealed class RefusingConnector(HttpStatusCode status, string code) : HttpMessageHandler
    {
        private int _attempts;

        public int Attempts => _attempts;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
            if (!body.Contains("\"type\":\"typing\"", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _attempts);
            }

            return new HttpResponseMessage(status)
            {
                Content = new StringContent($$$"""{"error":{"code":"{{{code}}}","message":"refused"}}""", Encoding.UTF8, "application/json"),
            };
        }
    }
}
