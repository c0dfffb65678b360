using CaaBot.Conversations.Dialogs;
using CaaBot.Conversations.Testing;
using CaaBot.Conversations.Tests.Fixtures;
using CaaBot.Conversations.Turns;
using CaaBot.Protocol.Schema;
using Microsoft.Extensions.Logging;

namespace CaaBot.Conversations.Tests.Turns;

public sealed class TurnErrorHandlingTests
{
    private const string SecretDetail = "connection string Password=hunter2 refused";

    [Fact]
    public async Task ProcessAsync_BotThrows_UserGetsSafeMessageWithCorrelationIdAndLogHasException()
    {
        var logger = new ListLogger<TurnProcessor>();
        var adapter = new TestAdapter(new TestAdapterOptions { Logger = logger, ProcessorOptions = new() { CreateCorrelationId = () => "C0FFEE1234" } });
        var bot = new DelegateBot((_, _) => throw new InvalidOperationException(SecretDetail));

        await new TestFlow(adapter, bot)
            .Send("hi")
            .AssertReply(reply =>
            {
                Assert.Contains("C0FFEE1234", reply.Text, StringComparison.Ordinal);
                Assert.Contains("agent", reply.Text, StringComparison.Ordinal);
                Assert.DoesNotContain("hunter2", reply.Text, StringComparison.Ordinal);
                Assert.DoesNotContain(nameof(InvalidOperationException), reply.Text, StringComparison.Ordinal);
            })
            .AssertNoReply()
            .StartTestAsync();

        var failure = Assert.Single(logger.Entries, entry => entry.EventId == 1003);
        Assert.Equal(LogLevel.Error, failure.Level);
        Assert.Contains("C0FFEE1234", failure.Message, StringComparison.Ordinal);
        Assert.Equal(SecretDetail, failure.Exception?.Message);
    }

    [Fact]
    public async Task ProcessAsync_StepThrowsMidDialog_StackIsResetAndNextMessageStartsCleanly()
    {
        var failOnce = true;
        var dialog = new OnboardingDialog();
        var runner = new DialogRunner(dialog);
        var bot = new DelegateBot(async (turn, token) =>
        {
            if (turn.Activity.Text == "Ada" && failOnce)
            {
                failOnce = false;
                await turn.SendActivityAsync("half-done reply that must never arrive", token);
                throw new InvalidOperationException("boom");
            }

            await runner.RunAsync(turn, token);
        });

        await new TestFlow(new TestAdapter(), bot)
            .Send("hi").AssertReply("What's your name?")
            .Send("Ada").AssertReplyContains("Sorry, something went wrong")
            .AssertNoReply()
            .Send("hello").AssertReply("What's your name?")
            .StartTestAsync();
    }

    [Fact]
    public async Task ProcessAsync_RedeliveryOfAFailedActivity_IsNotRetriedIntoTheSameCrash()
    {
        var adapter = new TestAdapter();
        var calls = 0;
        var bot = new DelegateBot((_, _) =>
        {
            calls++;
            throw new InvalidOperationException("poison");
        });
        var message = adapter.MakeMessage("hi");

        await adapter.ProcessActivityAsync(message, bot, CancellationToken.None);
        var redelivered = await adapter.ProcessActivityAsync(message, bot, CancellationToken.None);

        Assert.True(redelivered.WasDuplicate);
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task ProcessAsync_ErrorHandlerItselfFails_ConversationIsStillResetAndUsable()
    {
        var logger = new ListLogger<TurnProcessor>();
        var adapter = new TestAdapter(new TestAdapterOptions { Logger = logger, ErrorHandler = new ThrowingErrorHandler() });
        var fail = true;
        var runner = new DialogRunner(new OnboardingDialog());
        var bot = new DelegateBot((turn, token) => fail && turn.Activity.Text == "Ada" ? throw new InvalidOperationException("boom") : runner.RunAsync(turn, token));

        await new TestFlow(adapter, bot)
            .Send("hi").AssertReply("What's your name?")
            .Send("Ada").AssertNoReply()
            .StartTestAsync();
        fail = false;
        await new TestFlow(adapter, bot).Send("hello").AssertReply("What's your name?").StartTestAsync();

        Assert.Contains(logger.Entries, entry => entry.EventId == 1005 && entry.Level == LogLevel.Critical);
    }

    [Fact]
    public async Task ProcessAsync_HostCancelsMidTurnAfterASend_NothingIsDeliveredAndNextMessageContinues()
    {
        var adapter = new TestAdapter();
        var runner = new DialogRunner(new OnboardingDialog());
        using var cancellation = new CancellationTokenSource();
        var killed = new DelegateBot(async (turn, token) =>
        {
            await runner.RunAsync(turn, token);
            await cancellation.CancelAsync();
            token.ThrowIfCancellationRequested();
        });
        var bot = new DialogBot(runner);

        await new TestFlow(adapter, bot).Send("hi").AssertReply("What's your name?").StartTestAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => adapter.ProcessActivityAsync(adapter.MakeMessage("Ada"), killed, cancellation.Token));

        Assert.Equal(0, adapter.UnreadReplyCount);
        await new TestFlow(adapter, bot)
            .Send("Ada").AssertReply("Thanks Ada. How many devices do you use Teams on?")
            .Send("2").AssertReply("Ada uses 2 device(s).")
            .AssertNoReply()
            .StartTestAsync();
    }

    [Fact]
    public async Task ProcessAsync_InvokeThatFails_Answers500()
    {
        var adapter = new TestAdapter();
        var invoke = adapter.MakeIncoming(ActivityTypes.Invoke) with { Name = "adaptiveCard/action" };

        var outcome = await adapter.ProcessActivityAsync(invoke, new DelegateBot((_, _) => throw new InvalidOperationException("boom")), CancellationToken.None);

        Assert.Equal(500, outcome.InvokeResponse?.Status);
    }

    [Fact]
    public async Task ProcessAsync_TypingBeforeAFailure_IsShownImmediately()
    {
        var adapter = new TestAdapter();
        var bot = new DelegateBot(async (turn, token) =>
        {
            await turn.SendTypingAsync(token);
            throw new InvalidOperationException("boom");
        });

        await new TestFlow(adapter, bot)
            .Send("hi")
            .AssertTyping()
            .AssertReplyContains("reference")
            .StartTestAsync();
    }

    private sealed class ThrowingErrorHandler : ITurnErrorHandler
    {
        public Task OnTurnErrorAsync(ITurnContext turnContext, Exception exception, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("the error handler is broken too");
    }
}
