using CaaBot.Protocol.Schema;

namespace CaaBot.Conversations.Testing.Tests;

public sealed class TestFlowTests
{
    [Fact]
    public async Task TestFlow_MatchingConversation_Passes()
    {
        await new TestFlow(new TestAdapter(), new EchoBot())
            .Send("hello").AssertReply("You said: hello (#1)")
            .Send("again").AssertReplyContains("(#2)")
            .Send("card").AssertCard(card => Assert.Equal("1.5", card.GetProperty("version").GetString()))
            .SubmitLatestCard(new { comment = "ok" }).AssertReply("submitted {\"verb\":\"go\",\"comment\":\"ok\"}")
            .Send("typing").AssertTyping().AssertReply("done")
            .Send("quiet").AssertNoReply()
            .Send("x").AssertSuggestedActions("again")
            .StartTestAsync();
    }

    [Fact]
    public async Task AssertReply_WrongText_FailsNamingTheStepAndBothTexts()
    {
        var flow = new TestFlow(new TestAdapter(), new EchoBot())
            .Send("hello")
            .AssertReply("Hello!");

        var failure = await Assert.ThrowsAsync<TestFlowAssertionException>(() => flow.StartTestAsync());

        Assert.Equal(
            "Step 2 of 2, AssertReply(\"Hello!\"): expected the message \"Hello!\" but the bot sent the message \"You said: hello (#1)\".",
            failure.Message);
    }

    [Fact]
    public async Task AssertReply_NothingSent_FailsSayingSo()
    {
        var flow = new TestFlow(new TestAdapter(), new EchoBot()).Send("quiet").AssertReply("anything");

        var failure = await Assert.ThrowsAsync<TestFlowAssertionException>(() => flow.StartTestAsync());

        Assert.Contains("the bot sent nothing more", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AssertNoReply_SomethingSent_FailsShowingIt()
    {
        var flow = new TestFlow(new TestAdapter(), new EchoBot()).Send("hello").AssertNoReply();

        var failure = await Assert.ThrowsAsync<TestFlowAssertionException>(() => flow.StartTestAsync());

        Assert.Contains("You said: hello", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AssertCard_PlainText_Fails()
    {
        var flow = new TestFlow(new TestAdapter(), new EchoBot()).Send("hello").AssertCard();

        var failure = await Assert.ThrowsAsync<TestFlowAssertionException>(() => flow.StartTestAsync());

        Assert.Contains("expected an Adaptive Card", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TestAdapter_IncomingActivities_LookLikeAChannelsAndRepliesAreAddressed()
    {
        var adapter = new TestAdapter();
        await new TestFlow(adapter, new EchoBot()).Send("hello").AssertReply(_ => { }).AdvanceClock(TimeSpan.FromMinutes(1)).Send("later").StartTestAsync();

        var transcript = adapter.Transcript;
        var incoming = transcript[0];
        var reply = transcript[1];
        Assert.Equal("test", incoming.ChannelId);
        Assert.NotNull(incoming.Id);
        Assert.Equal(adapter.Clock.GetUtcNow().AddMinutes(-1), incoming.Timestamp);
        Assert.Equal(RoleTypes.User, incoming.From?.Role);
        Assert.Equal(incoming.Id, reply.ReplyToId);
        Assert.Equal(RoleTypes.Bot, reply.From?.Role);
        Assert.Equal(adapter.Conversation.Id, reply.Conversation?.Id);
        Assert.Equal(adapter.Clock.GetUtcNow(), transcript[2].Timestamp);
    }
}
