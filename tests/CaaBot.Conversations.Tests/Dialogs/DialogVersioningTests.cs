using System.Text;
using System.Text.Json.Nodes;
using CaaBot.Conversations.Dialogs;
using CaaBot.Conversations.Prompts;
using CaaBot.Conversations.Testing;
using CaaBot.Conversations.Tests.Fixtures;
using CaaBot.Storage.Abstractions;
using CaaBot.Storage.InMemory;

namespace CaaBot.Conversations.Tests.Dialogs;

public sealed class DialogVersioningTests
{
    private const string Apology = "Sorry, I was updated while we were talking, so let's start again.";

    [Fact]
    public async Task Run_DialogVersionChangedMidConversation_ApologisesAndRestarts()
    {
        var store = new InMemoryDocumentStore();
        await AskNameThenPauseAsync(store);

        await new TestFlow(new TestAdapter(new TestAdapterOptions { Store = store }), new DialogBot(new OnboardingDialog(version: "2")))
            .Send("Ada")
            .AssertReply(Apology)
            .AssertReply("What's your name?")
            .Send("Ada")
            .AssertReply("Thanks Ada. How many devices do you use Teams on?")
            .StartTestAsync();
    }

    [Fact]
    public async Task Run_WaterfallStepRemovedMidConversation_ApologisesAndRestarts()
    {
        var store = new InMemoryDocumentStore();
        await new TestFlow(new TestAdapter(new TestAdapterOptions { Store = store }), new DialogBot(new OnboardingDialog(new OnboardingState("Ada", null))))
            .Send("hi").AssertReply("Thanks Ada. How many devices do you use Teams on?")
            .StartTestAsync();

        await new TestFlow(new TestAdapter(new TestAdapterOptions { Store = store }), new DialogBot(new ReshapedOnboardingDialog()))
            .Send("3")
            .AssertReply(Apology)
            .AssertReply("Which platform?")
            .StartTestAsync();
    }

    [Fact]
    public async Task Run_StateRecordChangedShape_ApologisesAndRestarts()
    {
        var store = new InMemoryDocumentStore();
        await new TestFlow(new TestAdapter(new TestAdapterOptions { Store = store }), new DialogBot(new OnboardingDialog()))
            .Send("hi").AssertReply("What's your name?")
            .StartTestAsync();

        await new TestFlow(new TestAdapter(new TestAdapterOptions { Store = store }), new DialogBot(new OnboardingWithPlatformDialog()))
            .Send("Ada")
            .AssertReply(Apology)
            .AssertReply("What's your name?")
            .StartTestAsync();
    }

    [Fact]
    public async Task Run_StoredDialogNoLongerDeployed_ApologisesAndStartsTheNewRoot()
    {
        var store = new InMemoryDocumentStore();
        await AskNameThenPauseAsync(store);

        await new TestFlow(new TestAdapter(new TestAdapterOptions { Store = store }), new DialogBot(new ReshapedOnboardingDialog("triage")))
            .Send("Ada")
            .AssertReply(Apology)
            .AssertReply("Which platform?")
            .StartTestAsync();
    }

    [Fact]
    public async Task Run_StoredDialogStackUnreadable_ApologisesAndRestarts()
    {
        var store = new InMemoryDocumentStore();
        await AskNameThenPauseAsync(store);
        var stored = await store.ReadAsync("conv/test/conversation-1", CancellationToken.None);
        var document = JsonNode.Parse(stored!.Content.Span)!;
        document["properties"]!["caabot.dialogStack"] = new JsonObject { ["stack"] = "garbage" };
        await store.WriteAsync(stored.Key, Encoding.UTF8.GetBytes(document.ToJsonString()), WritePrecondition.IfMatch(stored.ETag), CancellationToken.None);

        await new TestFlow(new TestAdapter(new TestAdapterOptions { Store = store }), new DialogBot(new OnboardingDialog()))
            .Send("Ada")
            .AssertReply(Apology)
            .AssertReply("What's your name?")
            .StartTestAsync();
    }

    [Theory]
    [InlineData("version")]
    [InlineData("id")]
    public async Task Run_StoredStackEntryLacksIdOrVersion_ApologisesAndRestarts(string member)
    {
        var store = new InMemoryDocumentStore();
        await AskNameThenPauseAsync(store);
        await RewriteStackAsync(store, stack => stack["stack"]![0]!.AsObject().Remove(member));

        await new TestFlow(new TestAdapter(new TestAdapterOptions { Store = store }), new DialogBot(new OnboardingDialog()))
            .Send("Ada")
            .AssertReply(Apology)
            .AssertReply("What's your name?")
            .StartTestAsync();
    }

    [Fact]
    public async Task Run_StoredWaterfallPositionUnreadable_ApologisesAndRestarts()
    {
        var store = new InMemoryDocumentStore();
        await AskNameThenPauseAsync(store);
        await RewriteStackAsync(store, stack => stack["stack"]![0]!["state"] = new JsonObject { ["values"] = new JsonObject() });

        await new TestFlow(new TestAdapter(new TestAdapterOptions { Store = store }), new DialogBot(new OnboardingDialog()))
            .Send("Ada")
            .AssertReply(Apology)
            .AssertReply("What's your name?")
            .StartTestAsync();
    }

    private static async Task RewriteStackAsync(IDocumentStore store, Action<JsonNode> change)
    {
        var stored = await store.ReadAsync("conv/test/conversation-1", CancellationToken.None);
        var document = JsonNode.Parse(stored!.Content.Span)!;
        change(document["properties"]!["caabot.dialogStack"]!);
        await store.WriteAsync(stored.Key, Encoding.UTF8.GetBytes(document.ToJsonString()), WritePrecondition.IfMatch(stored.ETag), CancellationToken.None);
    }

    private static Task AskNameThenPauseAsync(IDocumentStore store) =>
        new TestFlow(new TestAdapter(new TestAdapterOptions { Store = store }), new DialogBot(new OnboardingDialog()))
            .Send("hi").AssertReply("What's your name?")
            .StartTestAsync();

    /// <summary>The same dialog id and version, but the device-count step is gone.</summary>
    private sealed class ReshapedOnboardingDialog : WaterfallDialog<OnboardingState>
    {
        private readonly ChoicePrompt _platformPrompt;

        public ReshapedOnboardingDialog(string id = "onboarding")
            : base(id, OnboardingState.Empty) =>
            _platformPrompt = AddDialog(new ChoicePrompt($"{id}.platform"));

        protected override IReadOnlyList<WaterfallStep<OnboardingState>> Steps => [AskPlatformStepAsync, ThankStepAsync];

        private Task<DialogTurnResult> AskPlatformStepAsync(WaterfallStepContext<OnboardingState> step, CancellationToken cancellationToken) =>
            step.PromptAsync(_platformPrompt, PromptOptions.FromText("Which platform?") with { Choices = Choice.FromValues("Windows", "Mac") }, cancellationToken);

        private Task<DialogTurnResult> ThankStepAsync(WaterfallStepContext<OnboardingState> step, CancellationToken cancellationToken) =>
            step.EndDialogAsync(cancellationToken);
    }

    private sealed record OnboardingWithPlatform(string? Name, int? DeviceCount, string Platform);

    /// <summary>The same dialog id, version and steps, but its state record gained a member.</summary>
    private sealed class OnboardingWithPlatformDialog : WaterfallDialog<OnboardingWithPlatform>
    {
        private readonly TextPrompt _namePrompt;

        public OnboardingWithPlatformDialog()
            : base("onboarding", new OnboardingWithPlatform(null, null, "unknown")) =>
            _namePrompt = AddDialog(new TextPrompt("onboarding.name"));

        protected override IReadOnlyList<WaterfallStep<OnboardingWithPlatform>> Steps => [AskNameStepAsync, AskDeviceCountStepAsync];

        private Task<DialogTurnResult> AskNameStepAsync(WaterfallStepContext<OnboardingWithPlatform> step, CancellationToken cancellationToken) =>
            step.PromptAsync(_namePrompt, PromptOptions.FromText("What's your name?"), cancellationToken);

        private Task<DialogTurnResult> AskDeviceCountStepAsync(WaterfallStepContext<OnboardingWithPlatform> step, CancellationToken cancellationToken) =>
            step.EndDialogAsync(cancellationToken);
    }
}
