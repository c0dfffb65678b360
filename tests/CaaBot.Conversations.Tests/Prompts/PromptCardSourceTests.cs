using System.Text;
using System.Text.Json;
using CaaBot.Conversations.Dialogs;
using CaaBot.Conversations.Prompts;
using CaaBot.Conversations.Serialization;
using CaaBot.Conversations.Testing;
using CaaBot.Conversations.Tests.Fixtures;
using CaaBot.Conversations.Turns;
using CaaBot.Protocol;
using CaaBot.Protocol.Schema;
using CaaBot.Storage.InMemory;

namespace CaaBot.Conversations.Tests.Prompts;

/// <summary>A prompt whose cards its owner can rebuild stores a reference to them instead of the cards.</summary>
public sealed class PromptCardSourceTests
{
    private const string RetryText = "Please pick one of the buttons.";
    private const string ConversationKey = "conv/test/conversation-1";

    [Fact]
    public async Task CardSource_StateKeepsTheReference_RetryFromStoredStateShowsTheRebuiltCard()
    {
        var store = new InMemoryDocumentStore();
        var catalog = new StepCatalog();
        await NewFlow(store, new StepQuestionDialog(catalog, withSource: true))
            .Send("hi").AssertCard(card => Assert.Equal("Step 1 of 2", HeadingOf(card)))
            .StartTestAsync();

        var stored = await StoredTextAsync(store);
        Assert.DoesNotContain("Step 1 of 2", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("AdaptiveCard", stored, StringComparison.Ordinal);
        Assert.Contains("\"cardsFromSource\":true", stored, StringComparison.Ordinal);
        Assert.Contains("\"kind\":\"test.step\"", stored, StringComparison.Ordinal);

        await NewFlow(store, new StepQuestionDialog(catalog, withSource: true))
            .Send("what now?")
            .AssertReply(AssertRetryWithStepOneCard)
            .SubmitLatestCard(actionTitle: "That fixed it").AssertReply("fixed")
            .StartTestAsync();
        Assert.Equal(1, catalog.Rendered);
    }

    [Fact]
    public async Task CardSource_RebuiltCard_IsTheCardFirstShownIncludingItsPromptMarker()
    {
        var store = new InMemoryDocumentStore();
        string? first = null;
        await NewFlow(store, new StepQuestionDialog(new StepCatalog(), withSource: true))
            .Send("hi").AssertReply(reply => first = ProtocolJson.Serialize(reply.Attachments))
            .Send("what now?").AssertReply(reply => Assert.Equal(first, ProtocolJson.Serialize(reply.Attachments)))
            .StartTestAsync();
    }

    [Fact]
    public async Task CardSource_CardCannotBeRebuilt_RetryFallsBackToItsTextAndTheCardOnScreenStillAnswers()
    {
        var store = new InMemoryDocumentStore();
        var catalog = new StepCatalog();
        await NewFlow(store, new StepQuestionDialog(catalog, withSource: true))
            .Send("hi").AssertCard()
            .Do("the step is removed", _ => Task.FromResult(catalog.Available = false))
            .Send("what now?")
            .AssertReply(reply =>
            {
                Assert.Equal(RetryText, reply.Text);
                Assert.Null(reply.Attachments);
            })
            .SubmitCard(0, actionTitle: "That fixed it").AssertReply("fixed")
            .StartTestAsync();
    }

    [Fact]
    public async Task CardSource_CannotBeRebuiltAndNoTextToFallBackOn_SaysSoInsteadOfSendingAnEmptyMessage()
    {
        var store = new InMemoryDocumentStore();
        var catalog = new StepCatalog();
        var dialog = new StepQuestionDialog(catalog, withSource: true, withRetry: false);
        await NewFlow(store, dialog)
            .Send("hi").AssertCard()
            .Do("the step is removed", _ => Task.FromResult(catalog.Available = false))
            .Send("what now?")
            .AssertReply(reply =>
            {
                Assert.Equal(dialog.Prompt.CardUnavailableMessage, reply.Text);
                Assert.Null(reply.Attachments);
            })
            .StartTestAsync();
    }

    [Fact]
    public async Task CardSource_StateStoredByAnOlderBuildWithTheCardInline_ContinuesWithThatCard()
    {
        var store = new InMemoryDocumentStore();
        await NewFlow(store, new StepQuestionDialog(new StepCatalog(), withSource: false))
            .Send("hi").AssertCard()
            .StartTestAsync();
        Assert.Contains("Step 1 of 2", await StoredTextAsync(store), StringComparison.Ordinal);

        // The upgraded dialog passes a source, but the state in flight has its card inline: the renderer is not asked.
        var catalog = new StepCatalog { Available = false };
        await NewFlow(store, new StepQuestionDialog(catalog, withSource: true))
            .Send("what now?")
            .AssertReply(AssertRetryWithStepOneCard)
            .SubmitLatestCard(actionTitle: "That fixed it").AssertReply("fixed")
            .StartTestAsync();
        Assert.Equal(0, catalog.Rendered);
    }

    [Fact]
    public void TypeInfo_StateWithCardsFromSource_ReadsTheFlagsAndWritesThemBackUnchanged()
    {
        const string stored = """{"options":{"prompt":{"type":"message"},"retryPrompt":{"type":"message","text":"again"},"cardSource":{"kind":"k","version":2,"data":{"n":1}}},"attempts":1,"instanceId":"ABC","retryReusesPromptAttachments":true,"cardsFromSource":true}""";

        var state = JsonSerializer.Deserialize(stored, PromptState.TypeInfo)!;

        Assert.True(state.PromptCardsOmitted);
        Assert.True(state.RetryCardsOmitted);
        Assert.Null(state.Options.Prompt.Attachments);
        Assert.Equal(("k", 2), (state.Options.CardSource!.Kind, state.Options.CardSource.Version));
        Assert.Equal(stored, JsonSerializer.Serialize(state with { }, PromptState.TypeInfo));
    }

    [Fact]
    public void ReadData_OtherKindOrVersionOrShape_IsNull()
    {
        var typeInfo = DialogStateJson.TypeInfo<StepReference>();
        var source = PromptCardSource.Create("test.step", 1, new StepReference(2), typeInfo);

        Assert.Equal(new StepReference(2), source.ReadData("test.step", 1, typeInfo));
        Assert.Null(source.ReadData("test.other", 1, typeInfo));
        Assert.Null(source.ReadData("test.step", 2, typeInfo));
        Assert.Null((source with { Data = ProtocolJson.ToElement(new { step = "two" }) }).ReadData("test.step", 1, typeInfo));
    }

    private static TestFlow NewFlow(InMemoryDocumentStore store, Dialog dialog) =>
        new(new TestAdapter(new TestAdapterOptions { Store = store }), new DialogBot(dialog));

    private static async Task<string> StoredTextAsync(InMemoryDocumentStore store) =>
        Encoding.UTF8.GetString((await store.ReadAsync(ConversationKey, CancellationToken.None))!.Content.Span);

    private static void AssertRetryWithStepOneCard(Activity reply)
    {
        Assert.Equal(RetryText, reply.Text);
        Assert.Equal("Step 1 of 2", HeadingOf(Assert.Single(reply.Attachments!).Content!.Value));
    }

    private static string? HeadingOf(JsonElement card) => card.GetProperty("body")[0].GetProperty("text").GetString();

    public sealed record StepReference(int Step);

    public sealed record Answer(string Outcome);

    /// <summary>Builds the step cards; a step can be taken away, as a playbook revision can.</summary>
    private sealed class StepCatalog
    {
        public bool Available { get; set; } = true;

        public int Rendered { get; private set; }

        public static Activity Card(int step) => MessageFactory.AdaptiveCard(ProtocolJson.ToElement(new
        {
            type = "AdaptiveCard",
            version = "1.5",
            body = new object[] { new { type = "TextBlock", text = $"Step {step} of 2" } },
            actions = new object[] { new { type = "Action.Submit", title = "That fixed it", data = new { outcome = "fixed" } } },
        }));

        public IReadOnlyList<Attachment>? Render(PromptCardSource source)
        {
            Rendered++;
            return Available && source.ReadData("test.step", 1, DialogStateJson.TypeInfo<StepReference>()) is { } reference
                ? Card(reference.Step).Attachments
                : null;
        }
    }

    private sealed class StepQuestionDialog : WaterfallDialog<StepQuestionDialog.Progress>
    {
        private readonly bool _withSource;
        private readonly bool _withRetry;

        public StepQuestionDialog(StepCatalog catalog, bool withSource, bool withRetry = true)
            : base("question", new Progress(0))
        {
            (_withSource, _withRetry) = (withSource, withRetry);
            Prompt = AddDialog(new CardSubmitPrompt<Answer>("question.answer", maxAttempts: 5) { CardRenderer = catalog.Render });
        }

        public CardSubmitPrompt<Answer> Prompt { get; }

        protected override IReadOnlyList<WaterfallStep<Progress>> Steps => [AskStepAsync, ReportStepAsync];

        private Task<DialogTurnResult> AskStepAsync(WaterfallStepContext<Progress> step, CancellationToken cancellationToken)
        {
            var card = StepCatalog.Card(1);
            return step.PromptAsync(
                Prompt,
                new PromptOptions
                {
                    Prompt = card,
                    RetryPrompt = _withRetry ? card with { Text = RetryText } : null,
                    CardSource = _withSource ? PromptCardSource.Create("test.step", 1, new StepReference(1), DialogStateJson.TypeInfo<StepReference>()) : null,
                },
                cancellationToken);
        }

        private async Task<DialogTurnResult> ReportStepAsync(WaterfallStepContext<Progress> step, CancellationToken cancellationToken)
        {
            await step.Context.SendActivityAsync(step.ResultOf(Prompt).Value.Outcome, cancellationToken);
            return await step.EndDialogAsync(cancellationToken);
        }

        public sealed record Progress(int Asked);
    }
}
