using CaaBot.Conversations.Testing;
using CaaBot.Conversations.Tests.Fixtures;
using CaaBot.Protocol.Schema;

namespace CaaBot.Conversations.Tests.Dialogs;

public sealed class WaterfallDialogTests
{
    [Fact]
    public async Task Waterfall_AskNameThenCount_RepliesWithSummary()
    {
        var bot = new DialogBot(new OnboardingDialog());

        await new TestFlow(new TestAdapter(), bot)
            .Send("hi")
            .AssertReply("What's your name?")
            .Send("Ada")
            .AssertReply("Thanks Ada. How many devices do you use Teams on?")
            .Send("3")
            .AssertReply("Ada uses 3 device(s).")
            .AssertNoReply()
            .StartTestAsync();
    }

    [Fact]
    public async Task Waterfall_NameAlreadyKnown_SkipsNamePrompt()
    {
        var bot = new DialogBot(new OnboardingDialog(new OnboardingState("Grace", null)));

        await new TestFlow(new TestAdapter(), bot)
            .Send("hello")
            .AssertReply("Thanks Grace. How many devices do you use Teams on?")
            .Send("two")
            .AssertReply("Grace uses 2 device(s).")
            .StartTestAsync();
    }

    [Fact]
    public async Task Waterfall_FinishedConversation_NextMessageStartsAgain()
    {
        var bot = new DialogBot(new OnboardingDialog());

        await new TestFlow(new TestAdapter(), bot)
            .Send("hi").AssertReply("What's your name?")
            .Send("Ada").AssertReply("Thanks Ada. How many devices do you use Teams on?")
            .Send("1").AssertReply("Ada uses 1 device(s).")
            .Send("hi again").AssertReply("What's your name?")
            .StartTestAsync();
    }

    [Fact]
    public async Task Waterfall_PromptGivesUp_StepFallsThroughToAPerson()
    {
        var bot = new DialogBot(new OnboardingDialog(new OnboardingState("Ada", null)));

        await new TestFlow(new TestAdapter(), bot)
            .Send("hi").AssertReply("Thanks Ada. How many devices do you use Teams on?")
            .Send("lots").AssertReply("How many devices? A number, please.")
            .Send("99").AssertReply("Please give a number of devices between 1 and 20.")
            .Send("no idea").AssertReply("Let me find a person to help you.")
            .AssertNoReply()
            .StartTestAsync();
    }

    [Fact]
    public async Task Waterfall_PromptReply_ExpectsInput()
    {
        var bot = new DialogBot(new OnboardingDialog());
        var adapter = new TestAdapter();

        await new TestFlow(adapter, bot)
            .Send("hi")
            .AssertReply(reply =>
            {
                Assert.Equal(InputHints.ExpectingInput, reply.InputHint);
                Assert.Equal("conversation-1", reply.Conversation?.Id);
                Assert.Equal("bot", reply.From?.Id);
                Assert.Equal("user-1", reply.Recipient?.Id);
                Assert.Equal(adapter.Transcript[0].Id, reply.ReplyToId);
            })
            .StartTestAsync();
    }
}
