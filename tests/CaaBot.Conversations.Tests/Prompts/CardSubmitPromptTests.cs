using System.Text.Json;
using CaaBot.Conversations.Dialogs;
using CaaBot.Conversations.Prompts;
using CaaBot.Conversations.Testing;
using CaaBot.Conversations.Tests.Fixtures;
using CaaBot.Conversations.Turns;
using CaaBot.Protocol;

namespace CaaBot.Conversations.Tests.Prompts;

public sealed class CardSubmitPromptTests
{
    [Fact]
    public async Task CardSubmitPrompt_Submit_ArrivesAsTypedRecordIncludingInputs()
    {
        await new TestFlow(new TestAdapter(), new DialogBot(new StepCardsDialog()))
            .Send("hi")
            .AssertCard(card => Assert.Equal("Step 1 of 2", card.GetProperty("body")[0].GetProperty("text").GetString()))
            .SubmitLatestCard(new { note = "cleared the cache" }, actionTitle: "Still broken")
            .AssertReply("Step 1: still broken (cleared the cache)")
            .AssertCard()
            .StartTestAsync();
    }

    [Fact]
    public async Task CardSubmitPrompt_TextInsteadOfAClick_OffersTheCardAgain()
    {
        await new TestFlow(new TestAdapter(), new DialogBot(new StepCardsDialog()))
            .Send("hi").AssertCard()
            .Send("what do I do?").AssertReply(reply => Assert.Single(reply.Attachments!))
            .SubmitLatestCard(actionTitle: "That fixed it")
            .AssertReply("Step 1: fixed")
            .StartTestAsync();
    }

    [Fact]
    public async Task CardSubmitPrompt_ClickOnAnEarlierCard_IsAnsweredAsStaleAndTheDialogGoesOn()
    {
        await new TestFlow(new TestAdapter(), new DialogBot(new StepCardsDialog()))
            .Send("hi").AssertCard()
            .SubmitLatestCard(actionTitle: "Still broken").AssertReply("Step 1: still broken ()").AssertCard()
            .SubmitCard(0, actionTitle: "That fixed it")
            .AssertReply("That card belongs to an earlier question, so I've left it alone. Please answer the latest one.")
            .AssertNoReply()
            .SubmitLatestCard(actionTitle: "That fixed it").AssertReply("Step 2: fixed")
            .StartTestAsync();
    }

    [Fact]
    public async Task CardSubmitPrompt_ClickAfterTheDialogEnded_IsAnsweredAsStale()
    {
        await new TestFlow(new TestAdapter(), new DialogBot(new StepCardsDialog()))
            .Send("hi").AssertCard()
            .SubmitLatestCard(actionTitle: "That fixed it").AssertReply("Step 1: fixed").AssertCard()
            .SubmitLatestCard(actionTitle: "That fixed it").AssertReply("Step 2: fixed")
            .SubmitCard(1, actionTitle: "Still broken")
            .AssertReply("That card belongs to a conversation that has already ended, so I've left it alone.")
            .AssertNoReply()
            .StartTestAsync();
    }

    [Fact]
    public async Task CardSubmitPrompt_SubmitThatDoesNotFitTheRecord_IsRetriedNotCrashed()
    {
        await new TestFlow(new TestAdapter(), new DialogBot(new StepCardsDialog()))
            .Send("hi").AssertCard()
            .SendCardSubmit(new { outcome = new[] { 1, 2 } })
            .AssertCard()
            .StartTestAsync();
    }

    public sealed record StepAnswer(string Outcome, string? Note);

    /// <summary>Two troubleshooting steps, each a card with "That fixed it" and "Still broken".</summary>
    private sealed class StepCardsDialog : WaterfallDialog<StepCardsDialog.Progress>
    {
        private readonly CardSubmitPrompt<StepAnswer> _answerPrompt;

        public StepCardsDialog()
            : base("steps", new Progress(0)) =>
            _answerPrompt = AddDialog(new CardSubmitPrompt<StepAnswer>("steps.answer"));

        protected override IReadOnlyList<WaterfallStep<Progress>> Steps => [ShowFirstStepAsync, ShowSecondStepAsync, FinishStepAsync];

        private Task<DialogTurnResult> ShowFirstStepAsync(WaterfallStepContext<Progress> step, CancellationToken cancellationToken) =>
            step.PromptAsync(_answerPrompt, new PromptOptions { Prompt = MessageFactory.AdaptiveCard(Card(1)) }, cancellationToken);

        private async Task<DialogTurnResult> ShowSecondStepAsync(WaterfallStepContext<Progress> step, CancellationToken cancellationToken)
        {
            await ReportAsync(step, 1, cancellationToken);
            return await step.PromptAsync(_answerPrompt, new PromptOptions { Prompt = MessageFactory.AdaptiveCard(Card(2)) }, cancellationToken);
        }

        private async Task<DialogTurnResult> FinishStepAsync(WaterfallStepContext<Progress> step, CancellationToken cancellationToken)
        {
            await ReportAsync(step, 2, cancellationToken);
            return await step.EndDialogAsync(cancellationToken);
        }

        private async Task ReportAsync(WaterfallStepContext<Progress> step, int number, CancellationToken cancellationToken)
        {
            var answer = step.ResultOf(_answerPrompt).Value;
            step.State = step.State with { Answered = number };
            await step.Context.SendActivityAsync(
                answer.Outcome == "fixed" ? $"Step {number}: fixed" : $"Step {number}: still broken ({answer.Note})", cancellationToken);
        }

        private static JsonElement Card(int number) => ProtocolJson.ToElement(new
        {
            type = "AdaptiveCard",
            version = "1.5",
            body = new object[]
            {
                new { type = "TextBlock", text = $"Step {number} of 2" },
                new { type = "Input.Text", id = "note", placeholder = "What did you see?" },
            },
            actions = new object[]
            {
                new { type = "Action.Submit", title = "That fixed it", data = new { outcome = "fixed" } },
                new { type = "Action.Submit", title = "Still broken", data = new { outcome = "broken" } },
            },
        });

        public sealed record Progress(int Answered);
    }
}
