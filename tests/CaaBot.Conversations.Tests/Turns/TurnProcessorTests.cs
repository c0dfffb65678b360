using System.Text;
using CaaBot.Conversations.State;
using CaaBot.Conversations.Testing;
using CaaBot.Conversations.Tests.Fixtures;
using CaaBot.Conversations.Turns;
using CaaBot.Protocol.Schema;
using CaaBot.Storage.Abstractions;

namespace CaaBot.Conversations.Tests.Turns;

public sealed class TurnProcessorTests
{
    [Fact]
    public async Task ProcessAsync_Invoke_ReturnsTheBotsInvokeResponse()
    {
        var adapter = new TestAdapter();
        var bot = new DelegateBot((turn, _) =>
        {
            turn.InvokeResponse = new InvokeResponse(200);
            return Task.CompletedTask;
        });

        var outcome = await adapter.ProcessActivityAsync(adapter.MakeIncoming(ActivityTypes.Invoke) with { Name = "test" }, bot, CancellationToken.None);

        Assert.Equal(200, outcome.InvokeResponse?.Status);
        Assert.False(outcome.WasDuplicate);
    }

    [Fact]
    public async Task SendActivityAsync_ThenUpdateInSameTurn_ChannelGetsUpdateForTheRealId()
    {
        var adapter = new TestAdapter();
        var bot = new DelegateBot(async (turn, token) =>
        {
            var sent = await turn.SendActivityAsync("Working on it…", token);
            Assert.StartsWith("pending:", sent.Id, StringComparison.Ordinal);
            await turn.UpdateActivityAsync(MessageFactory.Text("Done.") with { Id = sent.Id }, token);
        });

        await new TestFlow(adapter, bot)
            .Send("go")
            .AssertReply("Working on it…")
            .AssertReply(update =>
            {
                Assert.Equal(ActivityTypes.MessageUpdate, update.Type);
                Assert.Equal("Done.", update.Text);
                Assert.Equal("b1", update.Id);
            })
            .StartTestAsync();
    }

    [Fact]
    public async Task UpdateActivityAsync_CardSubmitsReplyToId_ReplacesTheAnsweredCard()
    {
        var adapter = new TestAdapter();
        var bot = new DelegateBot(async (turn, token) =>
        {
            if (turn.Activity.IsCardSubmit())
            {
                await turn.UpdateActivityAsync(MessageFactory.Text("✔ You answered: fixed") with { Id = turn.Activity.ReplyToId }, token);
                return;
            }

            await turn.SendActivityAsync(MessageFactory.AdaptiveCard(Protocol.ProtocolJson.ToElement(new { type = "AdaptiveCard", version = "1.5" })), token);
        });

        await new TestFlow(adapter, bot)
            .Send("start").AssertCard()
            .SendCardSubmit(new { outcome = "fixed" })
            .AssertReply(update =>
            {
                Assert.Equal(ActivityTypes.MessageUpdate, update.Type);
                Assert.Equal(adapter.Transcript[1].Id, update.Id);
                Assert.Equal(adapter.Conversation.Id, update.Conversation?.Id);
            })
            .StartTestAsync();
    }

    [Fact]
    public async Task ProcessAsync_AfterTurnsFinish_NoConversationLockIsKept()
    {
        var adapter = new TestAdapter();
        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() => adapter.SendTextAsync($"m{i}", new CounterBot(), CancellationToken.None))));

        Assert.Equal(0, adapter.Processor.BusyConversationCount);
    }

    [Fact]
    public async Task DeleteActivityAsync_ChannelGetsDeleteAddressedToTheConversation()
    {
        var adapter = new TestAdapter();
        var bot = new DelegateBot((turn, token) => turn.DeleteActivityAsync("b7", token));

        await new TestFlow(adapter, bot)
            .Send("delete it")
            .AssertReply(deletion =>
            {
                Assert.Equal(ActivityTypes.MessageDelete, deletion.Type);
                Assert.Equal("b7", deletion.Id);
                Assert.Equal(adapter.Conversation.Id, deletion.Conversation?.Id);
            })
            .StartTestAsync();
    }

    [Fact]
    public async Task ProcessAsync_UnreadableStateDocument_StartsAfreshInsteadOfFailingEveryTurn()
    {
        var adapter = new TestAdapter();
        await adapter.Store.WriteAsync("conv/test/conversation-1", Encoding.UTF8.GetBytes("{not json"), WritePrecondition.None, CancellationToken.None);

        await new TestFlow(adapter, new CounterBot())
            .Send("one").AssertReply("1")
            .Send("two").AssertReply("2")
            .StartTestAsync();
    }

    [Fact]
    public async Task ProcessAsync_ProcessedIds_KeepsOnlyTheConfiguredNumber()
    {
        var adapter = new TestAdapter(new TestAdapterOptions { ProcessorOptions = new() { ProcessedActivityIdsToKeep = 2 } });
        var first = adapter.MakeMessage("1");
        await adapter.ProcessActivityAsync(first, new CounterBot(), CancellationToken.None);
        await adapter.SendTextAsync("2", new CounterBot(), CancellationToken.None);
        await adapter.SendTextAsync("3", new CounterBot(), CancellationToken.None);

        var veryLateRedelivery = await adapter.ProcessActivityAsync(first, new CounterBot(), CancellationToken.None);

        Assert.False(veryLateRedelivery.WasDuplicate);
    }

    [Fact]
    public async Task Middleware_RunsInOrderAroundTheBotAndCanShortCircuit()
    {
        var calls = new List<string>();
        var adapter = new TestAdapter(new TestAdapterOptions
        {
            Middleware = [new RecordingMiddleware("outer", calls), new RecordingMiddleware("inner", calls, stopOn: "secret")],
        });
        var bot = new DelegateBot((_, _) =>
        {
            calls.Add("bot");
            return Task.CompletedTask;
        });

        await adapter.SendTextAsync("hi", bot, CancellationToken.None);
        await adapter.SendTextAsync("secret", bot, CancellationToken.None);

        Assert.Equal(["outer>", "inner>", "bot", "<inner", "<outer", "outer>", "inner>", "<outer"], calls);
    }

    [Fact]
    public void Constructor_InvalidOptions_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TestAdapter(new TestAdapterOptions { ProcessorOptions = new() { MaxAttempts = 0 } }));
    }

    [Fact]
    public async Task ProcessAsync_ActivityWithoutConversation_IsRejected()
    {
        var adapter = new TestAdapter();
        var orphan = adapter.MakeMessage("hi") with { Conversation = new ConversationAccount() };

        await Assert.ThrowsAsync<ArgumentException>(() => adapter.Processor.ProcessAsync(orphan, adapter, new CounterBot(), CancellationToken.None));
    }

    [Fact]
    public void StateKeys_UseChannelAndIds()
    {
        var adapter = new TestAdapter();
        Assert.Equal("conv/test/conversation-1", StateKeys.ForConversation(adapter.MakeMessage("x")));
        Assert.Equal("user/test/user-1", StateKeys.ForUser("test", "user-1"));
    }

    private sealed class RecordingMiddleware(string name, List<string> calls, string? stopOn = null) : IMiddleware
    {
        public async Task OnTurnAsync(ITurnContext turnContext, Func<CancellationToken, Task> next, CancellationToken cancellationToken)
        {
            calls.Add($"{name}>");
            if (turnContext.Activity.Text == stopOn)
            {
                return;
            }

            await next(cancellationToken);
            calls.Add($"<{name}");
        }
    }
}
