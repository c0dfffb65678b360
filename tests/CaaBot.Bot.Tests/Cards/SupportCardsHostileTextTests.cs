using System.Text.Json;
using CaaBot.Bot.Cards;
using CaaBot.Knowledge.Playbooks;
using CaaBot.Protocol;

namespace CaaBot.Bot.Tests.Cards;

public sealed class SupportCardsHostileTextTests
{
    private static readonly string Escaped = MarkdownText.Escape(CardSamples.Hostile);

    [Fact]
    public void HostileText_InTextBlocks_IsALiteralEscapedStringValue()
    {
        var h = CardSamples.Hostile;
        var cards = new[]
        {
            SupportCards.Step(new StepCardData(2, 4, h, h, [h], true, 5)),
            SupportCards.AnsweredStep(new AnsweredStepData(2, 4, h, StepOutcome.Fixed)),
            SupportCards.TicketFiled(new TicketFiledData(h)),
            SupportCards.PlaybookChoices(new PlaybookChoicesData([new PlaybookChoice(h, h, 0.5)])),
            SupportCards.EscalationSummary(new EscalationSummaryData(h, h, h, [new TriedStep(h, StepOutcome.Skipped)], h, h, h)),
            SupportCards.Rating(new RatingCardData(h)),
            SupportCards.ConfirmFix(new ConfirmFixData(h)),
        };

        foreach (var card in cards.Select(c => new CardTree(c)))
        {
            Assert.Contains(card.TextBlocks, text => text.Contains(Escaped, StringComparison.Ordinal));
            Assert.DoesNotContain(card.TextBlocks, text => text.Contains("**bold**", StringComparison.Ordinal) || text.Contains("<script>", StringComparison.Ordinal));
            // The structure is untouched: only our own element types, and the text never became elements.
            Assert.All(card.All, node => Assert.DoesNotContain("Bogus", node.ToJsonString(), StringComparison.Ordinal));
        }
    }

    [Fact]
    public void HostileText_InSubmitDataAndInputs_TravelsUnchanged()
    {
        var h = CardSamples.Hostile;
        var step = new CardTree(SupportCards.Step(new StepCardData(2, 4, h, "t", ["i"], false, null)));
        const string contact = "\"a\"@b.c **x** <script>";
        var escalation = new CardTree(SupportCards.EscalationSummary(new EscalationSummaryData(null, "d", null, [], null, contact, null)));

        Assert.All(step.SubmitData, data => Assert.Equal(h, (string?)data["stepId"]));
        Assert.Equal(contact, (string?)escalation.OfType("Input.Text").First()["value"]);
    }

    [Fact]
    public void HostileInstruction_InTextRuns_IsShownLiterally()
    {
        var card = new CardTree(SupportCards.Step(new StepCardData(1, 1, "s", "t", ["<script>alert(1)</script> [x](javascript:y) _u_"], false, null)));

        Assert.Equal(["<script>alert(1)</script> [x](javascript:y) _u_"], card.Runs.Select(run => (string)run["text"]!));
    }

    [Fact]
    public void LongNotes_AreTrimmedWithAnEllipsis()
    {
        var card = new CardTree(SupportCards.EscalationSummary(CardSamples.Escalation(notes: new string('n', 2_000))));

        var notes = card.TextBlocks.Single(text => text.StartsWith("nnn", StringComparison.Ordinal));
        Assert.EndsWith("…", notes);
        Assert.True(notes.Length <= 1_000);
    }

    [Fact]
    public async Task LargestCards_StayUnder28KB()
    {
        var playbooks = (await new PlaybookLoader().LoadAsync(Path.Combine(AppContext.BaseDirectory, "playbooks"), CancellationToken.None)).Playbooks;
        var steps = playbooks.SelectMany(p => p.Steps).ToList();
        Assert.NotEmpty(steps);
        var largestStep = steps.MaxBy(step => Bytes(SupportCards.Step(StepCardData.FromStep(step, 10, 10))))!;
        var hostileTitles = Enumerable.Range(0, 30).Select(_ => new TriedStep(CardSamples.Long2000, StepOutcome.StillBroken)).ToList();

        var sizes = new Dictionary<string, int>
        {
            ["largest shipped step"] = Bytes(SupportCards.Step(StepCardData.FromStep(largestStep with { Title = CardSamples.Long2000 }, 10, 10))),
            ["escalation, 2,000-char notes"] = Bytes(SupportCards.EscalationSummary(new EscalationSummaryData(
                CardSamples.Long2000, CardSamples.Long2000, CardSamples.Long2000, hostileTitles, CardSamples.Long2000, CardSamples.Long2000, CardSamples.Long2000))),
            ["choices"] = Bytes(SupportCards.PlaybookChoices(new PlaybookChoicesData([.. Enumerable.Range(0, 5).Select(i => new PlaybookChoice($"p{i}", CardSamples.Long2000, 0.5))]))),
            ["answered"] = Bytes(SupportCards.AnsweredStep(new AnsweredStepData(1, 1, CardSamples.Long2000, StepOutcome.Fixed))),
            ["ticket filed"] = Bytes(SupportCards.TicketFiled(new TicketFiledData(CardSamples.Long2000))),
            ["rating"] = Bytes(SupportCards.Rating(new RatingCardData(CardSamples.Long2000))),
            ["confirm"] = Bytes(SupportCards.ConfirmFix(new ConfirmFixData(CardSamples.Long2000))),
        };

        Assert.All(sizes, size => Assert.True(size.Value < SupportCards.MaxCardBytes, $"{size.Key}: {size.Value} bytes"));
    }

    // Measured as the card goes on the wire, with the protocol's encoder (which escapes HTML-sensitive characters).
    private static int Bytes(JsonElement card) => JsonSerializer.SerializeToUtf8Bytes(card, ProtocolJson.Options).Length;
}
