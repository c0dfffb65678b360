using CaaBot.Conversations.Dialogs;
using CaaBot.Conversations.Testing;
using CaaBot.Conversations.Tests.Fixtures;
using CaaBot.Conversations.Turns;

namespace CaaBot.Conversations.Tests.Dialogs;

public sealed class ComponentDialogTests
{
    [Fact]
    public async Task Component_WrapsAWaterfall_InnerPromptsAndParentResumeWork()
    {
        await new TestFlow(new TestAdapter(), new DialogBot(new RootDialog()))
            .Send("hi").AssertReply("Before we start:")
            .AssertReply("What's your name?")
            .Send("Ada").AssertReply("Thanks Ada. How many devices do you use Teams on?")
            .Send("help").AssertReplyContains("Teams sign-in").AssertReply("Thanks Ada. How many devices do you use Teams on?")
            .Send("5").AssertReply("Ada uses 5 device(s).")
            .AssertReply("Onboarding finished; anything else?")
            .StartTestAsync();
    }

    [Fact]
    public async Task Component_InnerDialogChanged_RestartsWithApology()
    {
        var adapter = new TestAdapter();
        await new TestFlow(adapter, new DialogBot(new RootDialog()))
            .Send("hi").AssertReply("Before we start:").AssertReply("What's your name?")
            .StartTestAsync();

        await new TestFlow(adapter, new DialogBot(new RootDialog(innerVersion: "2")))
            .Send("Ada")
            .AssertReply("Sorry, I was updated while we were talking, so let's start again.")
            .AssertReply("Before we start:")
            .StartTestAsync();
    }

    private sealed class OnboardingComponent : ComponentDialog
    {
        public OnboardingComponent(string innerVersion)
            : base("onboarding-component") =>
            AddDialog(new OnboardingDialog(version: innerVersion));
    }

    private sealed class RootDialog : WaterfallDialog<RootDialog.Nothing>
    {
        private readonly OnboardingComponent _onboarding;

        public RootDialog(string innerVersion = "1")
            : base("root", new Nothing()) =>
            _onboarding = AddDialog(new OnboardingComponent(innerVersion));

        protected override IReadOnlyList<WaterfallStep<Nothing>> Steps => [StartOnboardingStepAsync, WrapUpStepAsync];

        private async Task<DialogTurnResult> StartOnboardingStepAsync(WaterfallStepContext<Nothing> step, CancellationToken cancellationToken)
        {
            await step.Context.SendActivityAsync("Before we start:", cancellationToken);
            return await step.BeginDialogAsync(_onboarding, null, cancellationToken);
        }

        private async Task<DialogTurnResult> WrapUpStepAsync(WaterfallStepContext<Nothing> step, CancellationToken cancellationToken)
        {
            Assert.True(step.HasResultOf(_onboarding));
            await step.Context.SendActivityAsync("Onboarding finished; anything else?", cancellationToken);
            return await step.EndDialogAsync(cancellationToken);
        }

        public sealed record Nothing;
    }
}
