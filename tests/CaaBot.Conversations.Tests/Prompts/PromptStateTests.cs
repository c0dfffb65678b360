using System.Text;
using System.Text.Json;
using CaaBot.Conversations.Dialogs;
using CaaBot.Conversations.Prompts;
using CaaBot.Conversations.Testing;
using CaaBot.Conversations.Tests.Fixtures;
using CaaBot.Conversations.Turns;
using CaaBot.Protocol;
using CaaBot.Storage.InMemory;

namespace CaaBot.Conversations.Tests.Prompts;

public sealed class PromptStateTests
{
    private const string RetryText = "Please pick one of the buttons.";

    [Fact]
    public async Task RetryPrompt_SameCardWithOtherText_CardStoredOnceAndShownAgainOnEveryRetry()
    {
        var store = new InMemoryDocumentStore();
        await new TestFlow(new TestAdapter(new TestAdapterOptions { Store = store }), new DialogBot(new CardQuestionDialog()))
            .Send("hi").AssertCard(card => Assert.Equal("Step 1 of 2", card.GetProperty("body")[0].GetProperty("text").GetString()))
            .Send("what now?").AssertReply(reply => Assert.Equal(RetryText, reply.Text)).AssertNoReply()
            .StartTestAsync();

        var stored = Encoding.UTF8.GetString((await store.ReadAsync("conv/test/conversation-1", CancellationToken.None))!.Content.Span);
        Assert.Equal(1, CountOf(stored, "Step 1 of 2"));
        Assert.Contains("\"retryReusesPromptAttachments\":true", stored, StringComparison.Ordinal);

        // Read back from the store on the next turn: the retry still carries the card, with its own text.
        await new TestFlow(new TestAdapter(new TestAdapterOptions { Store = store }), new DialogBot(new CardQuestionDialog()))
            .Send("and now?")
            .AssertReply(reply =>
            {
                Assert.Equal(RetryText, reply.Text);
                Assert.Equal("Step 1 of 2", Assert.Single(reply.Attachments!).Content!.Value.GetProperty("body")[0].GetProperty("text").GetString());
            })
            .SubmitLatestCard(actionTitle: "That fixed it").AssertReply("fixed")
            .StartTestAsync();
    }

    [Fact]
    public void TypeInfo_StateWrittenBeforeTheRetryCardWasShared_ReadsBothCards()
    {
        var card = """{"contentType":"application/vnd.microsoft.card.adaptive","content":{"type":"AdaptiveCard","version":"1.5","body":[]}}""";
        var older = $$$"""{"options":{"prompt":{"type":"message","attachments":[{{{card}}}]},"retryPrompt":{"type":"message","text":"again","attachments":[{{{card}}}]}},"attempts":1,"instanceId":"ABC"}""";

        var state = JsonSerializer.Deserialize(older, PromptState.TypeInfo)!;

        Assert.Equal("again", state.Options.RetryPrompt!.Text);
        Assert.Single(state.Options.RetryPrompt.Attachments!);
        Assert.Equal((1, "ABC"), (state.Attempts, state.InstanceId));
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, string.Empty, StringComparison.Ordinal).Length) / part.Length;

    private sealed class CardQuestionDialog : WaterfallDialog<CardQuestionDialog.Progress>
    {
        private readonly CardSubmitPrompt<Answer> _prompt;

        public CardQuestionDialog()
            : base("question", new Progress(0)) =>
            _prompt = AddDialog(new CardSubmitPrompt<Answer>("question.answer", maxAttempts: 5));

        protected override IReadOnlyList<WaterfallStep<Progress>> Steps => [AskStepAsync, ReportStepAsync];

        private Task<DialogTurnResult> AskStepAsync(WaterfallStepContext<Progress> step, CancellationToken cancellationToken)
        {
            var card = MessageFactory.AdaptiveCard(ProtocolJson.ToElement(new
            {
                type = "AdaptiveCard",
                version = "1.5",
                body = new object[] { new { type = "TextBlock", text = "Step 1 of 2" } },
                actions = new object[] { new { type = "Action.Submit", title = "That fixed it", data = new { outcome = "fixed" } } },
            }));
            return step.PromptAsync(_prompt, new PromptOptions { Prompt = card, RetryPrompt = card with { Text = RetryText } }, cancellationToken);
        }

        private async Task<DialogTurnResult> ReportStepAsync(WaterfallStepContext<Progress> step, CancellationToken cancellationToken)
        {
            await step.Context.SendActivityAsync(step.ResultOf(_prompt).Value.Outcome, cancellationToken);
            return await step.EndDialogAsync(cancellationToken);
        }

        public sealed record Progress(int Asked);
    }

    public sealed record Answer(string Outcome);
}
