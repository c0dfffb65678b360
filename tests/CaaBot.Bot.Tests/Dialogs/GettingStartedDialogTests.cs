using CaaBot.Bot.Dialogs;
using CaaBot.Conversations.Dialogs;
using CaaBot.Conversations.Testing;

namespace CaaBot.Bot.Tests.Dialogs;

public sealed class GettingStartedDialogTests
{
    private static TestFlow NewFlow() => new(new TestAdapter(), new SupportBot(new DialogRunner(new GettingStartedDialog())));

    [Fact]
    public Task GettingStarted_NameThenDeviceCount_SumsUp() =>
        NewFlow()
            .SendConversationUpdate()
            .AssertReply(SupportBot.Welcome)
            .Send("hello")
            .AssertReply("What's your name?")
            .Send("Margaret")
            .AssertReply("Thanks, Margaret. On how many devices do you use Teams?")
            .Send("2")
            .AssertReplyContains("Got it, Margaret: 2 devices.")
            .AssertNoReply()
            .StartTestAsync();

    [Fact]
    public Task GettingStarted_DeviceCountInWords_IsUnderstood() =>
        NewFlow()
            .Send("hi").AssertReply("What's your name?")
            .Send("Alan").AssertReplyContains("On how many devices")
            .Send("one").AssertReplyContains("Alan: 1 device.")
            .StartTestAsync();

    [Fact]
    public Task GettingStarted_NotANumber_AsksAgainThenGivesUpGracefully() =>
        NewFlow()
            .Send("hi").AssertReply("What's your name?")
            .Send("Ada").AssertReplyContains("On how many devices")
            .Send("lots").AssertReply("Please answer with a number, for example 2.")
            .Send("many").AssertReply("Please answer with a number, for example 2.")
            .Send("dunno").AssertReplyContains("No problem, Ada.")
            .StartTestAsync();

    [Fact]
    public Task GettingStarted_ImplausibleCount_ExplainsWhy() =>
        NewFlow()
            .Send("hi").AssertReply("What's your name?")
            .Send("Ada").AssertReplyContains("On how many devices")
            .Send("5000").AssertReplyContains("between 0 and 100")
            .StartTestAsync();

    [Fact]
    public Task GettingStarted_NameWithMarkdown_IsEscaped() =>
        NewFlow()
            .Send("hi").AssertReply("What's your name?")
            .Send("*Ada* [x](http://evil)")
            .AssertReply(reply => Assert.Equal(@"Thanks, \*Ada\* \[x\]\(http://evil\). On how many devices do you use Teams?", reply.Text))
            .StartTestAsync();

    [Fact]
    public Task Welcome_RepeatedMembershipUpdate_GreetsOnce() =>
        NewFlow()
            .SendConversationUpdate().AssertReply(SupportBot.Welcome)
            .SendConversationUpdate().AssertNoReply()
            .StartTestAsync();

    [Fact]
    public Task GettingStarted_HelpMidway_AnswersAndRepeatsTheQuestion() =>
        NewFlow()
            .Send("hi").AssertReply("What's your name?")
            .Send("Ada").AssertReplyContains("On how many devices")
            .Send("help").AssertReplyContains("step by step")
            .AssertReply("Thanks, Ada. On how many devices do you use Teams?")
            .Send("2").AssertReplyContains("Ada: 2 devices.")
            .StartTestAsync();

    [Fact]
    public Task GettingStarted_CancelThenMessage_StartsAfresh() =>
        NewFlow()
            .Send("hi").AssertReply("What's your name?")
            .Send("cancel").AssertReplyContains("I've stopped")
            .Send("hello again").AssertReply("What's your name?")
            .StartTestAsync();

    [Fact]
    public Task GettingStarted_StartOverMidway_AsksTheFirstQuestionAgain() =>
        NewFlow()
            .Send("hi").AssertReply("What's your name?")
            .Send("Ada").AssertReplyContains("On how many devices")
            .Send("start over").AssertReply("Sure, let's start again.").AssertReply("What's your name?")
            .StartTestAsync();
}
