using CaaBot.Conversations.Dialogs;
using CaaBot.Conversations.Testing;
using CaaBot.Conversations.Tests.Fixtures;
using CaaBot.Conversations.Turns;

namespace CaaBot.Conversations.Tests.Dialogs;

public sealed class InterruptionTests
{
    private const string HelpText = "I help with Teams sign-in problems.";

    [Fact]
    public async Task Help_WhileAPromptWaits_AnswersAndAsksTheSameQuestionAgain()
    {
        await new TestFlow(new TestAdapter(), CreateBot())
            .Send("hi").AssertReply("What's your name?")
            .Send("Ada").AssertReply("Thanks Ada. How many devices do you use Teams on?")
            .Send("Help!").AssertReply(HelpText).AssertReply("Thanks Ada. How many devices do you use Teams on?")
            .Send("2").AssertReply("Ada uses 2 device(s).")
            .StartTestAsync();
    }

    [Fact]
    public async Task Help_DoesNotCountAsAFailedAttempt()
    {
        await new TestFlow(new TestAdapter(), CreateBot())
            .Send("hi").AssertReply("What's your name?")
            .Send("Ada").AssertReply("Thanks Ada. How many devices do you use Teams on?")
            .Send("x").AssertReply("How many devices? A number, please.")
            .Send("help").AssertReply(HelpText).AssertReplyContains("How many devices")
            .Send("y").AssertReply("How many devices? A number, please.")
            .Send("4").AssertReply("Ada uses 4 device(s).")
            .StartTestAsync();
    }

    [Fact]
    public async Task Cancel_WhileAPromptWaits_ClearsTheStackAndConfirms()
    {
        await new TestFlow(new TestAdapter(), CreateBot())
            .Send("hi").AssertReply("What's your name?")
            .Send("  CANCEL ").AssertReply("OK, I've stopped. Send me a message whenever you want to start again.")
            .AssertNoReply()
            .Send("hello").AssertReply("What's your name?")
            .StartTestAsync();
    }

    [Fact]
    public async Task StartOver_MidDialog_RestartsTheRootDialog()
    {
        await new TestFlow(new TestAdapter(), CreateBot())
            .Send("hi").AssertReply("What's your name?")
            .Send("Ada").AssertReply("Thanks Ada. How many devices do you use Teams on?")
            .Send("start over").AssertReply("Sure, let's start again.").AssertReply("What's your name?")
            .Send("Grace").AssertReply("Thanks Grace. How many devices do you use Teams on?")
            .StartTestAsync();
    }

    [Fact]
    public async Task CustomInterruption_IsHandledBeforeTheActiveStep()
    {
        var agent = new Interruption("agent", ["agent", "talk to a person"], async (context, cancellationToken) =>
        {
            context.CancelAll();
            await context.Context.SendActivityAsync("Connecting you to the helpdesk.", cancellationToken);
            return DialogTurnResult.Cancelled;
        });
        var options = new DialogRunnerOptions { Interruptions = [agent, .. new DialogRunnerOptions().Interruptions] };

        await new TestFlow(new TestAdapter(), new DialogBot(new DialogRunner(new OnboardingDialog(), options)))
            .Send("hi").AssertReply("What's your name?")
            .Send("Talk to a person").AssertReply("Connecting you to the helpdesk.")
            .AssertNoReply()
            .StartTestAsync();
    }

    [Fact]
    public async Task Help_WithNothingInProgress_JustAnswers()
    {
        await new TestFlow(new TestAdapter(), CreateBot())
            .Send("help").AssertReply(HelpText)
            .AssertNoReply()
            .StartTestAsync();
    }

    [Fact]
    public async Task PatternInterruption_MatchingText_IsHandledAndOtherTextReachesTheDialog()
    {
        var ticket = new Interruption(
            "ticketNumber",
            text => text.StartsWith("CAA-", StringComparison.OrdinalIgnoreCase),
            async (context, cancellationToken) =>
            {
                await context.Context.SendActivityAsync($"Looking up {context.Context.Activity.Text}.", cancellationToken);
                return await context.RepromptAsync(cancellationToken);
            });
        var bot = new DialogBot(new DialogRunner(new OnboardingDialog(), new DialogRunnerOptions { Interruptions = [ticket] }));

        await new TestFlow(new TestAdapter(), bot)
            .Send("hi").AssertReply("What's your name?")
            .Send("caa-000042").AssertReply("Looking up caa-000042.").AssertReply("What's your name?")
            .Send("Ada").AssertReply("Thanks Ada. How many devices do you use Teams on?")
            .StartTestAsync();
    }

    [Fact]
    public async Task MessageInterruption_MatchingTheWholeActivity_IsHandledAndOnlyForMessages()
    {
        var file = new Interruption(
            "file",
            (CaaBot.Protocol.Schema.Activity message) => message.Attachments is { Count: > 0 },
            async (context, cancellationToken) =>
            {
                await context.Context.SendActivityAsync("Got your file.", cancellationToken);
                return await context.RepromptAsync(cancellationToken);
            });
        var adapter = new TestAdapter();
        var withFile = adapter.MakeMessage(string.Empty) with
        {
            Attachments = [new CaaBot.Protocol.Schema.Attachment { ContentType = "image/png", ContentUrl = "https://example.test/a.png" }],
        };
        var bot = new DialogBot(new DialogRunner(new OnboardingDialog(), new DialogRunnerOptions { Interruptions = [file] }));

        Assert.False(file.Matches(withFile with { Type = CaaBot.Protocol.Schema.ActivityTypes.Event }));
        await new TestFlow(adapter, bot)
            .Send("hi").AssertReply("What's your name?")
            .Send(withFile).AssertReply("Got your file.").AssertReply("What's your name?")
            .Send("Ada").AssertReply("Thanks Ada. How many devices do you use Teams on?")
            .StartTestAsync();
    }

    [Fact]
    public async Task Help_WithTheBotsTeamsMention_IsStillHelp()
    {
        var adapter = new TestAdapter();
        var mentioned = adapter.MakeMessage("<at>Bot</at> help") with
        {
            Entities = [CaaBot.Protocol.ProtocolJson.Deserialize<CaaBot.Protocol.Schema.Entity>("""{"type":"mention","text":"<at>Bot</at>","mentioned":{"id":"bot","name":"Bot"}}""")!],
        };

        await new TestFlow(adapter, CreateBot())
            .Send("hi").AssertReply("What's your name?")
            .Send(mentioned).AssertReply(HelpText).AssertReply("What's your name?")
            .StartTestAsync();
    }

    private static DialogBot CreateBot() => new(new DialogRunner(
        new OnboardingDialog(),
        new DialogRunnerOptions { Interruptions = [Interruption.Help(HelpText), Interruption.Cancel(), Interruption.StartOver()] }));
}
