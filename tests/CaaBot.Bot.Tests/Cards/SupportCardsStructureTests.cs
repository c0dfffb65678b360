using System.Text.Json;
using System.Text.Json.Nodes;
using CaaBot.Bot.Cards;
using CaaBot.Knowledge.Playbooks;

namespace CaaBot.Bot.Tests.Cards;

public sealed class SupportCardsStructureTests
{
    public static TheoryData<string> Shapes => [.. AllShapes().Keys];

    [Theory]
    [MemberData(nameof(Shapes))]
    public void EveryShape_IsAdaptiveCard15_WithObjectSubmitData(string shape)
    {
        var card = new CardTree(AllShapes()[shape]);

        Assert.Equal("AdaptiveCard", (string?)card.Root["type"]);
        Assert.Equal("1.5", (string?)card.Root["version"]);
        Assert.Empty(card.OfType("Action.Execute"));
        Assert.All(card.Submits, action => Assert.IsType<JsonObject>(action["data"]));
        Assert.All(card.SubmitData, data => Assert.False(string.IsNullOrEmpty((string?)data["action"])));
    }

    [Fact]
    public void Step_ShowsPositionTitleAndNumberedInstructions()
    {
        var card = new CardTree(SupportCards.Step(CardSamples.Step()));

        Assert.Contains("Step 2 of 4", card.TextBlocks);
        Assert.Contains("Clear the cache", card.TextBlocks);
        Assert.Contains("⏱ About 5 min", card.TextBlocks);
        Assert.Equal(["1\\.", "2\\.", "3\\."], card.TextBlocks.Where(text => text.EndsWith("\\.", StringComparison.Ordinal)));
    }

    [Fact]
    public void Step_ActionsCarryActionAndStepId()
    {
        var card = new CardTree(SupportCards.Step(CardSamples.Step()));

        Assert.Equal(["That fixed it", "Still broken, next step", "Skip", "Back", "I need a person"], card.Submits.Select(a => (string)a["title"]!));
        Assert.Equal([SupportCardActions.Fixed, SupportCardActions.Next, SupportCardActions.Skip, SupportCardActions.Back, SupportCardActions.Agent], card.Actions);
        Assert.All(card.SubmitData, data => Assert.Equal("clear-the-cache", (string?)data["stepId"]));
    }

    [Fact]
    public void Step_FirstStep_HasNoBackButton()
    {
        var card = new CardTree(SupportCards.Step(CardSamples.Step(number: 1)));

        Assert.DoesNotContain(SupportCardActions.Back, card.Actions);
        Assert.Contains("Step 1 of 4", card.TextBlocks);
    }

    [Fact]
    public void Step_AdminBadge_OnlyForAdminSteps()
    {
        var admin = new CardTree(SupportCards.Step(CardSamples.Step(admin: true)));
        var user = new CardTree(SupportCards.Step(CardSamples.Step(admin: false)));

        Assert.Single(admin.All, node => (string?)node["id"] == SupportCards.AdminBadgeId);
        Assert.Contains(admin.TextBlocks, text => text.Contains("Admin rights needed", StringComparison.Ordinal));
        Assert.DoesNotContain(user.All, node => (string?)node["id"] == SupportCards.AdminBadgeId);
        Assert.DoesNotContain(user.TextBlocks, text => text.Contains("Admin rights needed", StringComparison.Ordinal));
    }

    [Fact]
    public void Step_BackticksAndFencedBlocks_AreMonospace_BoldIsKept()
    {
        var card = new CardTree(SupportCards.Step(CardSamples.Step()));

        Assert.Equal(["%appdata%\\Microsoft\\Teams", "Get-AppxPackage Microsoft.AAD.BrokerPlugin"], card.MonospaceRuns);
        Assert.Contains(card.Runs, run => (string?)run["text"] == "Quit" && (string?)run["weight"] == "Bolder");
        Assert.DoesNotContain(card.AllText, text => text.Contains('`', StringComparison.Ordinal) || text.Contains("**Quit", StringComparison.Ordinal));
        Assert.Contains(card.Runs, run => (string?)run["text"] == "then press Enter.");
    }

    [Fact]
    public void Step_FromPlaybookStep_TakesIdTitleAdminAndMinutes()
    {
        var step = new PlaybookStep("repair-broker", "Repair the broker", [], StepPerformer.LocalAdmin, 10, ["Run `sfc /scannow`."], null, 1);

        var data = StepCardData.FromStep(step, 3, 5);
        var card = new CardTree(SupportCards.Step(data));

        Assert.Equal(new StepCardData(3, 5, "repair-broker", "Repair the broker", step.Instructions, true, 10), data);
        Assert.Contains("Step 3 of 5", card.TextBlocks);
        Assert.Equal(["sfc /scannow"], card.MonospaceRuns);
        Assert.All(card.SubmitData, d => Assert.Equal("repair-broker", (string?)d["stepId"]));
    }

    [Theory]
    [InlineData(StepOutcome.Fixed, "Step 2 of 4 · Clear the cache — ✔ fixed it")]
    [InlineData(StepOutcome.StillBroken, "Step 2 of 4 · Clear the cache — ✖ still broken")]
    [InlineData(StepOutcome.Skipped, "Step 2 of 4 · Clear the cache — skipped")]
    public void AnsweredStep_IsOneLineWithoutButtons(StepOutcome outcome, string expected)
    {
        var card = new CardTree(SupportCards.AnsweredStep(CardSamples.Answered(outcome)));

        Assert.Equal([expected], card.TextBlocks);
        Assert.Empty(card.Submits);
    }

    [Fact]
    public void Choices_AtMostThreeByConfidence_PlusNoneOfThese()
    {
        var data = new PlaybookChoicesData(
        [
            new PlaybookChoice("d", "Four", 0.05),
            .. CardSamples.Choices().Choices,
        ]);

        var card = new CardTree(SupportCards.PlaybookChoices(data));

        Assert.Equal([SupportCardActions.Choose, SupportCardActions.Choose, SupportCardActions.Choose, SupportCardActions.NoneOfThese], card.Actions);
        Assert.Equal(["caa20004", "caa70004", "aadsts50011"], card.SubmitData.Take(3).Select(d => (string)d["playbookId"]!));
        Assert.Equal("None of these", (string?)card.Submits[^1]["title"]);
        Assert.Contains("Likely match", card.TextBlocks);
        Assert.Contains("Possible match", card.TextBlocks);
        Assert.Contains("Long shot", card.TextBlocks);
    }

    [Fact]
    public void EscalationSummary_ShowsFactsStepsNotes_ConsentAndContactInputs()
    {
        var card = new CardTree(SupportCards.EscalationSummary(CardSamples.Escalation()));

        var facts = card.OfType("FactSet").Single()["facts"]!.AsArray().Select(f => ((string)f!["title"]!, (string)f["value"]!)).ToList();
        Assert.Contains(("Error code", "0xCAA20004"), facts);
        Assert.Contains(("Device", "Windows PC, Teams desktop app"), facts);
        Assert.Contains("1\\. Look for a silent multi\\-factor prompt — ✖ still broken", card.TextBlocks);
        Assert.Contains("2\\. Sync your work account in Windows — skipped", card.TextBlocks);
        Assert.Contains("It started after the update yesterday\\.", card.TextBlocks);
        var toggle = card.OfType("Input.Toggle").Single();
        Assert.Equal((SupportCards.ConsentInputId, "false", "true"), ((string)toggle["id"]!, (string)toggle["value"]!, (string)toggle["valueOn"]!));
        Assert.Equal([SupportCards.ContactEmailInputId, SupportCards.ContactPhoneInputId], card.OfType("Input.Text").Select(i => (string)i["id"]!));
        Assert.Equal("+41 44 000 00 00", (string?)card.OfType("Input.Text").Single(i => (string?)i["id"] == SupportCards.ContactPhoneInputId)["value"]);
        Assert.Equal([SupportCardActions.Send, SupportCardActions.NotNow], card.Actions);
        Assert.Equal("none", (string?)card.Submits[1]["associatedInputs"]);
    }

    [Fact]
    public void EscalationSummary_SharedFiles_ListedAsAnEscapedFactOnlyWhenThereAreSome()
    {
        static List<(string Title, string Value)> Facts(EscalationSummaryData data) =>
            new CardTree(SupportCards.EscalationSummary(data)).OfType("FactSet").Single()["facts"]!.AsArray()
                .Select(f => ((string)f!["title"]!, (string)f["value"]!)).ToList();

        var withFiles = Facts(CardSamples.Escalation() with { Files = ["error.png", CardSamples.Hostile] });
        var without = Facts(CardSamples.Escalation());

        var files = Assert.Single(withFiles, fact => fact.Title == "Files").Value;
        Assert.StartsWith(MarkdownText.Escape("error.png, \"quoted\" **bold** _it_"), files, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", files, StringComparison.Ordinal);
        Assert.EndsWith("…", files); // trimmed to the card's field budget (the ticket keeps every name)
        Assert.DoesNotContain(without, fact => fact.Title == "Files");
    }

    [Fact]
    public void Rating_OneClickOneToFive()
    {
        var card = new CardTree(SupportCards.Rating(CardSamples.Rating()));

        Assert.All(card.Actions, action => Assert.Equal(SupportCardActions.Rate, action));
        Assert.Equal([1, 2, 3, 4, 5], card.SubmitData.Select(d => (int)d["rating"]!));
    }

    [Fact]
    public void ConfirmFix_AsksAndOffersYesNotYet()
    {
        var card = new CardTree(SupportCards.ConfirmFix(CardSamples.ConfirmFix()));

        Assert.Contains("Can you sign in to Teams now?", card.TextBlocks);
        Assert.Equal([SupportCardActions.Yes, SupportCardActions.NotYet], card.Actions);
    }

    [Fact]
    public void Submit_WithInputsAndPromptMarker_ReadsAsSupportCardSubmit()
    {
        // What a client sends back: the action's data, the card's inputs and the prompt's marker, merged.
        var json = """{"action":"send","caabotPromptId":"p1","consent":"true","contactEmail":"a@b.c","contactPhone":""}""";

        var submit = JsonSerializer.Deserialize<SupportCardSubmit>(json, CaaBot.Protocol.ProtocolJson.Options)!;

        Assert.Equal(SupportCardActions.Send, submit.Action);
        Assert.True(submit.HasConsent);
        Assert.Equal("a@b.c", submit.ContactEmail);
        var rating = JsonSerializer.Deserialize<SupportCardSubmit>("""{"action":"rate","rating":4}""", CaaBot.Protocol.ProtocolJson.Options)!;
        Assert.Equal(4, rating.Rating);
    }

    internal static Dictionary<string, JsonElement> AllShapes() => new()
    {
        ["step"] = SupportCards.Step(CardSamples.Step(admin: true)),
        ["answered-step"] = SupportCards.AnsweredStep(CardSamples.Answered()),
        ["ticket-filed"] = SupportCards.TicketFiled(new TicketFiledData("CAA-000042")),
        ["rated"] = SupportCards.Rated(new RatedData(4)),
        ["choices"] = SupportCards.PlaybookChoices(CardSamples.Choices()),
        ["escalation-summary"] = SupportCards.EscalationSummary(CardSamples.Escalation()),
        ["rating"] = SupportCards.Rating(CardSamples.Rating()),
        ["confirm-fix"] = SupportCards.ConfirmFix(CardSamples.ConfirmFix()),
        ["fix-confirmation"] = SupportCards.FixConfirmation(new FixConfirmationData(CanSignIn: true)),
    };
}
