using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CaaBot.Bot.Cards;

/// <summary>
/// The one factory for every Adaptive Card the support bot sends (version 1.5, <c>Action.Submit</c> with object data).
/// Cards are built as JSON nodes from typed records: user and author text goes in as JSON string values, and text
/// shown in TextBlocks (which render markdown) is escaped first, so quotes, markdown and HTML stay inert.
/// </summary>
public static class SupportCards
{
    public const int MaxChoices = 3;

    /// <summary>Teams refuses messages over ~80 KB; cards stay far below so text and several cards still fit.</summary>
    public const int MaxCardBytes = 28 * 1024;

    public const string AdminBadgeId = "adminBadge";
    public const string ConsentInputId = "consent";
    public const string ContactEmailInputId = "contactEmail";
    public const string ContactPhoneInputId = "contactPhone";

    // Length budgets (characters, before escaping) that keep the largest card under MaxCardBytes.
    internal const int MaxTitleLength = 150;
    internal const int MaxInstructionLength = 1_500;
    internal const int MaxInstructions = 12;
    internal const int MaxNotesLength = 1_000;
    internal const int MaxStepsListed = 12;
    internal const int MaxFieldLength = 100;
    internal const int MaxButtonTitleLength = 60;

    public static JsonElement Step(StepCardData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        List<JsonNode> header = [CardNodes.TextBlock(StepOf(data.Number, data.Total), size: "Small", weight: "Bolder", subtle: true)];
        if (data.RequiresAdmin)
        {
            header.Add(CardNodes.Container([CardNodes.TextBlock("🔒 Admin rights needed", size: "Small", weight: "Bolder", color: "Attention")], style: "attention", id: AdminBadgeId));
        }

        if (data.Minutes is { } minutes)
        {
            header.Add(CardNodes.TextBlock(string.Create(CultureInfo.InvariantCulture, $"⏱ About {minutes} min"), size: "Small", subtle: true));
        }

        List<JsonNode> body =
        [
            CardNodes.ColumnSet([.. header.Select(item => CardNodes.Column("auto", item))]),
            CardNodes.TextBlock(CardText.Inert(data.Title, MaxTitleLength), size: "Medium", weight: "Bolder"),
        ];
        body.AddRange(data.Instructions.Take(MaxInstructions).Select((instruction, index) => CardNodes.ColumnSet(
            CardNodes.Column("auto", CardNodes.TextBlock(string.Create(CultureInfo.InvariantCulture, $"{index + 1}\\."), weight: "Bolder")),
            CardNodes.Column("stretch", [.. InstructionMarkdown.ToBlocks(instruction, MaxInstructionLength)]))));

        var stepId = (JsonNode?)JsonValue.Create(data.StepId);
        List<JsonNode> actions =
        [
            CardNodes.Submit("That fixed it", CardNodes.Data(SupportCardActions.Fixed, ("stepId", stepId)), style: "positive"),
            CardNodes.Submit("Still broken, next step", CardNodes.Data(SupportCardActions.Next, ("stepId", stepId?.DeepClone()))),
            CardNodes.Submit("Skip", CardNodes.Data(SupportCardActions.Skip, ("stepId", stepId?.DeepClone()))),
        ];
        if (data.CanGoBack)
        {
            actions.Add(CardNodes.Submit("Back", CardNodes.Data(SupportCardActions.Back, ("stepId", stepId?.DeepClone()))));
        }

        actions.Add(CardNodes.Submit("I need a person", CardNodes.Data(SupportCardActions.Agent, ("stepId", stepId?.DeepClone()))));
        return ToElement(CardNodes.Card(body, actions));
    }

    public static JsonElement AnsweredStep(AnsweredStepData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var text = $"{StepOf(data.Number, data.Total)} · {CardText.Inert(data.Title, MaxTitleLength)} — {OutcomeText(data.Outcome)}";
        return ToElement(CardNodes.Card([CardNodes.TextBlock(text, subtle: true)]));
    }

    /// <summary>What the rating card becomes once clicked: the stars given, so they cannot be given twice.</summary>
    public static JsonElement Rated(RatedData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var stars = Math.Clamp(data.Stars, 1, 5);
        var text = string.Create(CultureInfo.InvariantCulture, $"You rated this {new string('★', stars)}{new string('☆', 5 - stars)} ({stars} of 5). Thank you!");
        return ToElement(CardNodes.Card([CardNodes.TextBlock(text, subtle: true)]));
    }

    /// <summary>What the "Can you sign in to Teams now?" card becomes once answered, so it cannot be answered twice.</summary>
    public static JsonElement FixConfirmation(FixConfirmationData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var text = $"Can you sign in to Teams now? — {(data.CanSignIn ? "✔ yes" : "✖ not yet")}";
        return ToElement(CardNodes.Card([CardNodes.TextBlock(text, subtle: true)]));
    }

    /// <summary>What the escalation summary card becomes once sent: a one-line record with the ticket number.</summary>
    public static JsonElement TicketFiled(TicketFiledData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var text = $"✔ Summary sent to the helpdesk · ticket {CardText.Inert(data.TicketNumber, MaxTitleLength)}";
        return ToElement(CardNodes.Card([CardNodes.TextBlock(text, subtle: true)]));
    }

    public static JsonElement PlaybookChoices(PlaybookChoicesData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var choices = data.Choices.OrderByDescending(choice => choice.Confidence).Take(MaxChoices).ToList();
        List<JsonNode> body = [CardNodes.TextBlock("Which of these sounds like your problem?", weight: "Bolder")];
        body.AddRange(choices.Select((choice, index) => CardNodes.Container(
            [
                CardNodes.TextBlock(string.Create(CultureInfo.InvariantCulture, $"**{index + 1}\\.** {CardText.Inert(choice.Title, MaxTitleLength)}")),
                CardNodes.TextBlock(ConfidenceHint(choice.Confidence), size: "Small", subtle: true),
            ],
            spacing: "Medium")));

        List<JsonNode> actions = [.. choices.Select((choice, index) => CardNodes.Submit(
            string.Create(CultureInfo.InvariantCulture, $"{index + 1}. {CardText.Trim(choice.Title, MaxButtonTitleLength)}"),
            CardNodes.Data(SupportCardActions.Choose, ("playbookId", choice.PlaybookId))))];
        actions.Add(CardNodes.Submit("None of these", CardNodes.Data(SupportCardActions.NoneOfThese)));
        return ToElement(CardNodes.Card(body, actions));
    }

    public static JsonElement EscalationSummary(EscalationSummaryData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        List<(string, string)> facts =
        [
            ("Error code", data.ErrorCode is { Length: > 0 } code ? CardText.Inert(code, MaxFieldLength) : "none given"),
            ("Device", CardText.Inert(data.Device, MaxFieldLength)),
        ];
        if (data.PlaybookTitle is { Length: > 0 } playbookTitle)
        {
            facts.Add(("Guide", CardText.Inert(playbookTitle, MaxTitleLength)));
        }

        if (data.Files.Count > 0)
        {
            facts.Add(("Files", CardText.Inert(string.Join(", ", data.Files), MaxFieldLength)));
        }

        List<JsonNode> body =
        [
            CardNodes.TextBlock("Here is what I will send to the helpdesk", size: "Medium", weight: "Bolder"),
            CardNodes.FactSet(facts),
            CardNodes.TextBlock("Steps tried", weight: "Bolder"),
        ];
        if (data.StepsTried.Count == 0)
        {
            body.Add(CardNodes.TextBlock("None yet", subtle: true));
        }

        body.AddRange(data.StepsTried.Take(MaxStepsListed).Select((step, index) => CardNodes.TextBlock(
            string.Create(CultureInfo.InvariantCulture, $"{index + 1}\\. {CardText.Inert(step.Title, MaxTitleLength)} — {OutcomeText(step.Outcome)}"))));
        if (data.StepsTried.Count > MaxStepsListed)
        {
            body.Add(CardNodes.TextBlock(string.Create(CultureInfo.InvariantCulture, $"…and {data.StepsTried.Count - MaxStepsListed} more"), subtle: true));
        }

        body.Add(CardNodes.TextBlock("Your notes", weight: "Bolder"));
        body.Add(data.Notes is { Length: > 0 } notes
            ? CardNodes.TextBlock(CardText.Inert(notes, MaxNotesLength))
            : CardNodes.TextBlock("No notes", subtle: true));
        body.Add(new JsonObject
        {
            ["type"] = "Input.Toggle",
            ["id"] = ConsentInputId,
            ["title"] = "Send this summary and our chat to the helpdesk",
            ["value"] = "false",
            ["valueOn"] = "true",
            ["valueOff"] = "false",
            ["wrap"] = true,
        });
        body.Add(ContactInput(ContactEmailInputId, "Another email to reach you (optional)", "Email", data.ContactEmail));
        body.Add(ContactInput(ContactPhoneInputId, "Phone number (optional)", "Tel", data.ContactPhone));

        List<JsonNode> actions =
        [
            CardNodes.Submit("Send to helpdesk", CardNodes.Data(SupportCardActions.Send), style: "positive"),
            CardNodes.Submit("Not now", CardNodes.Data(SupportCardActions.NotNow), withInputs: false),
        ];
        return ToElement(CardNodes.Card(body, actions));
    }

    public static JsonElement Rating(RatingCardData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        List<JsonNode> body =
        [
            CardNodes.TextBlock(data.Question, weight: "Bolder"),
            CardNodes.TextBlock(CardText.Inert(data.PlaybookTitle, MaxTitleLength), size: "Small", subtle: true),
        ];
        var actions = Enumerable.Range(1, 5).Select(stars => (JsonNode)CardNodes.Submit(
            string.Create(CultureInfo.InvariantCulture, $"{stars} ★"),
            CardNodes.Data(SupportCardActions.Rate, ("rating", stars))));
        return ToElement(CardNodes.Card(body, actions));
    }

    public static JsonElement ConfirmFix(ConfirmFixData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        List<JsonNode> body =
        [
            CardNodes.TextBlock("Can you sign in to Teams now?", size: "Medium", weight: "Bolder"),
            CardNodes.TextBlock($"You said this fixed it: {CardText.Inert(data.StepTitle, MaxTitleLength)}. Please try signing in once more before we close.", subtle: true),
        ];
        List<JsonNode> actions =
        [
            CardNodes.Submit("Yes", CardNodes.Data(SupportCardActions.Yes), style: "positive"),
            CardNodes.Submit("Not yet", CardNodes.Data(SupportCardActions.NotYet)),
        ];
        return ToElement(CardNodes.Card(body, actions));
    }

    /// <summary>The next-day check after a fix: is Teams still letting them in?</summary>
    public static JsonElement FixFollowUp(FixFollowUpData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var caseId = JsonValue.Create(data.CaseId);
        List<JsonNode> body =
        [
            CardNodes.TextBlock("Is Teams still letting you in?", size: "Medium", weight: "Bolder"),
            CardNodes.TextBlock(
                $"Checking in: {CardText.Inert(data.StepTitle, MaxTitleLength)} fixed {CardText.Inert(data.PlaybookTitle, MaxTitleLength)} for you. Is signing in still working?",
                subtle: true),
        ];
        List<JsonNode> actions =
        [
            CardNodes.Submit("Yes, still working", CardNodes.Data(SupportCardActions.FixHeld, ("caseId", caseId.DeepClone())), style: "positive"),
            CardNodes.Submit("No, it's broken again", CardNodes.Data(SupportCardActions.FixBroke, ("caseId", caseId.DeepClone()))),
        ];
        return ToElement(CardNodes.Card(body, actions));
    }

    /// <summary>What the next-day check becomes once answered.</summary>
    public static JsonElement FixFollowUpAnswered(bool held) =>
        ToElement(CardNodes.Card([CardNodes.TextBlock($"Is Teams still letting you in? — {(held ? "✔ yes" : "✖ broken again")}", subtle: true)]));

    private static JsonObject ContactInput(string id, string label, string style, string? value)
    {
        var input = new JsonObject
        {
            ["type"] = "Input.Text",
            ["id"] = id,
            ["label"] = label,
            ["style"] = style,
            ["maxLength"] = MaxFieldLength,
        };
        if (value is { Length: > 0 })
        {
            // Input values are not markdown: the user's text goes back in as typed (only trimmed).
            input["value"] = CardText.Trim(value, MaxFieldLength);
        }

        return input;
    }

    private static string StepOf(int number, int total) => string.Create(CultureInfo.InvariantCulture, $"Step {number} of {total}");

    private static string OutcomeText(StepOutcome outcome) => outcome switch
    {
        StepOutcome.Fixed => "✔ fixed it",
        StepOutcome.StillBroken => "✖ still broken",
        StepOutcome.Skipped => "skipped",
        StepOutcome.WentBack => "went back",
        StepOutcome.AskedForPerson => "asked for a person",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown step outcome."),
    };

    private static string ConfidenceHint(double confidence) => confidence switch
    {
        >= 0.6 => "Likely match",
        >= 0.3 => "Possible match",
        _ => "Long shot",
    };

    private static JsonElement ToElement(JsonObject card) => JsonSerializer.SerializeToElement(card);
}
