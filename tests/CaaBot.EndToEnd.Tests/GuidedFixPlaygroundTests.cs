using System.Text.Json;
using System.Text.Json.Nodes;
using CaaBot.Bot;
using CaaBot.Bot.Cards;
using CaaBot.Bot.Dialogs;
using CaaBot.Conversations.Prompts;
using CaaBot.EndToEnd.Tests.Infrastructure;
using CaaBot.EndToEnd.Tests.Playground;
using CaaBot.Knowledge.Playbooks;
using CaaBot.Knowledge.Symptoms;

namespace CaaBot.EndToEnd.Tests;

/// <summary>
/// A whole 0xCAA20003 fix in a Teams-shaped chat through the Microsoft 365 Agents Playground, answered with card clicks
/// the way the Playground's own UI sends them. The bot's steps come from the playbook the host really loads, and every
/// card is compared with what the bot's own card factory builds for it.
/// </summary>
public sealed class GuidedFixPlaygroundTests(AgentsPlaygroundFixture fixture) : IClassFixture<AgentsPlaygroundFixture>
{
    private const string ErrorCode = "0xCAA20003";
    private const string FirstMessage = $"Teams on my Windows PC shows {ErrorCode} since I changed my password";
    private const int GivenStars = 4;

    // Generous: the first turn of a fresh process pays for JIT and for creating the SQLite database.
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Playground_Caa20003WithCardClicks_ReplacesAnsweredCardsConfirmsFixAndThanksForRating()
    {
        var playground = fixture.Playground;
        var playbook = await LoadPlaybookAsync(ErrorCode);
        Assert.True(PlatformHints.Infer(FirstMessage) == PlaybookPlatform.Windows, $"The journey expects \"{FirstMessage}\" to name a Windows PC.");
        var steps = playbook.UserStepsFor(PlaybookPlatform.Windows);
        Assert.True(steps.Count >= 2, $"The journey needs at least two Windows steps in {playbook.SourcePath}; it has {steps.Count}.");
        var total = steps.Count;

        await playground.InstallBotAsync(CancellationToken.None);
        var welcome = await NextMessageAsync("the welcome");
        AssertText(SupportBot.Welcome, welcome);
        AssertSuggestedActions([TriageDialog.HaveCodeChoice, TriageDialog.NoCodeChoice, TriageDialog.PersonChoice], welcome);

        // The code goes straight to its guide; "Windows PC" answers where the error shows, and the guide checks the clock.
        await playground.SendTextAsync(FirstMessage, CancellationToken.None);
        var affectedDevice = await NextMessageAsync("the affected-PC question");
        AssertText(TriageDialog.AskAffectedDevicePrompt, affectedDevice);
        AssertSuggestedActions([ConfirmPrompt.YesChoice, ConfirmPrompt.NoChoice], affectedDevice);

        // "Yes" from the affected PC: the Playground stamps localTimestamp with this machine's clock, the host's own.
        await playground.ClickSuggestedActionAsync(affectedDevice, ConfirmPrompt.YesChoice, CancellationToken.None);
        AssertText(TriageDialog.ClockInSyncMessage, await NextMessageAsync("the clock check"));
        var introduction = await NextMessageAsync("the guide's introduction");
        Assert.True(
            introduction.Text is { } intro && intro.StartsWith($"**{playbook.Title}**", StringComparison.Ordinal) && intro.Contains(playbook.Summary, StringComparison.Ordinal),
            $"Expected the guide's introduction with its title and summary from {playbook.SourcePath}, but the Playground showed:{Environment.NewLine}  {introduction.Text}{Describe()}");

        // Step 1: "Still broken, next step". The card turns into its one-line record, then step 2 arrives.
        var stepOne = await NextCardAsync("step 1");
        AssertCard(SupportCards.Step(StepCardData.FromStep(steps[0], 1, total)), stepOne, "step 1");
        AssertCardShows(stepOne, $"step 1's title from {playbook.SourcePath}", MarkdownText.Escape(steps[0].Title));
        await ClickAsync(stepOne, SupportCardActions.Next);
        await ExpectReplacedAsync(stepOne, SupportCards.AnsweredStep(new AnsweredStepData(1, total, steps[0].Title, StepOutcome.StillBroken)), "step 1");

        // Step 2: "That fixed it", replaced the same way, then the confirmation.
        var stepTwo = await NextCardAsync("step 2");
        AssertCard(SupportCards.Step(StepCardData.FromStep(steps[1], 2, total)), stepTwo, "step 2");
        AssertCardShows(stepTwo, $"step 2's title from {playbook.SourcePath}", MarkdownText.Escape(steps[1].Title));
        await ClickAsync(stepTwo, SupportCardActions.Fixed);
        await ExpectReplacedAsync(stepTwo, SupportCards.AnsweredStep(new AnsweredStepData(2, total, steps[1].Title, StepOutcome.Fixed)), "step 2");

        // "Can you sign in to Teams now?" offers Yes as a button: click it. This card is not replaced; the fix is celebrated.
        var confirmation = await NextCardAsync("the fix confirmation");
        AssertCard(SupportCards.ConfirmFix(new ConfirmFixData(steps[1].Title)), confirmation, "the fix confirmation");
        await ClickAsync(confirmation, SupportCardActions.Yes);
        AssertText(SupportDialog.FixedMessage, await NextMessageAsync("the fixed message"));

        // The rating: a click gives four stars, the card becomes the stars given, and the bot says thank you.
        var rating = await NextCardAsync("the rating card");
        AssertCard(SupportCards.Rating(new RatingCardData(playbook.Title)), rating, "the rating card");
        await playground.SubmitCardAsync(
            rating,
            rating.SubmitAction(
                action => action.DataValue("action") == SupportCardActions.Rate && action.DataValue("rating") == $"{GivenStars}",
                $"rating {GivenStars} stars"),
            inputs: null,
            CancellationToken.None);
        await ExpectReplacedAsync(rating, SupportCards.Rated(new RatedData(GivenStars)), "the rating card");
        AssertText(SupportDialog.RatingThanks, await NextMessageAsync("the thank-you"));
    }

    private static async Task<Playbook> LoadPlaybookAsync(string code)
    {
        // The very folder the host serves from (copied next to CaaBot.Web.dll by its build).
        var folder = Path.Combine(Path.GetDirectoryName(TestPaths.CaaBotWebAssembly)!, "playbooks");
        var loaded = await new PlaybookLoader().LoadAsync(folder, CancellationToken.None);
        return loaded.Playbooks.SingleOrDefault(playbook => string.Equals(playbook.Code, code, StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException($"No playbook for {code} loaded from {folder} ({loaded.ErrorCount} errors).");
    }

    private Task ClickAsync(PlaygroundCard card, string action) =>
        fixture.Playground.SubmitCardAsync(
            card,
            card.SubmitAction(button => button.DataValue("action") == action, $"with action \"{action}\""),
            inputs: null,
            CancellationToken.None);

    private async Task<PlaygroundMessage> NextMessageAsync(string waitingFor)
    {
        try
        {
            return await fixture.Playground.NextBotMessageAsync(ReplyTimeout, CancellationToken.None);
        }
        catch (TimeoutException timeout)
        {
            throw new TimeoutException($"Waiting for {waitingFor}: {timeout.Message}{Environment.NewLine}{fixture.DescribeProcesses()}", timeout);
        }
    }

    private async Task<PlaygroundCard> NextCardAsync(string waitingFor)
    {
        var message = await NextMessageAsync(waitingFor);
        return PlaygroundCard.TryFrom(message)
            ?? throw new InvalidOperationException($"Expected {waitingFor} as an Adaptive Card, but the Playground showed text \"{message.Text}\" and attachments {message.Attachments?.GetRawText() ?? "none"}.{Describe()}");
    }

    /// <summary>The bot's PUT on the connector shows as an update of the clicked card's message, with the record in its place.</summary>
    private async Task ExpectReplacedAsync(PlaygroundCard clicked, JsonElement expectedRecord, string what)
    {
        PlaygroundMessage updated;
        try
        {
            updated = await fixture.Playground.NextBotUpdateAsync(ReplyTimeout, CancellationToken.None);
        }
        catch (TimeoutException timeout)
        {
            throw new TimeoutException($"Waiting for {what} to be replaced after the click: {timeout.Message}{Environment.NewLine}{fixture.DescribeProcesses()}", timeout);
        }

        Assert.True(
            updated.MessageId == clicked.Message.MessageId,
            $"Expected the update to replace {what} (message {clicked.Message.MessageId}) but it replaced message {updated.MessageId}.{Describe()}");
        var record = PlaygroundCard.TryFrom(updated)
            ?? throw new InvalidOperationException($"Expected {what} to be replaced by a card, but the update holds text \"{updated.Text}\" and attachments {updated.Attachments?.GetRawText() ?? "none"}.{Describe()}");
        Assert.True(record.SubmitActions.Count == 0, $"The record replacing {what} still has buttons: {record.Content.GetRawText()}{Describe()}");
        AssertCard(expectedRecord, record, $"the record replacing {what}");
    }

    /// <summary>
    /// The card as the bot's factory builds it, apart from the prompt's marker that the bot adds to every button's data
    /// (one extra field, the same non-empty string on every button of the card).
    /// </summary>
    private void AssertCard(JsonElement expected, PlaygroundCard actual, string what)
    {
        var expectedCard = JsonNode.Parse(expected.GetRawText())!;
        var actualCard = JsonNode.Parse(actual.Content.GetRawText())!;
        var expectedKeys = SubmitData(expectedCard).SelectMany(data => data.Select(field => field.Key)).ToHashSet(StringComparer.Ordinal);
        var actualData = SubmitData(actualCard).ToList();
        var extraKeys = actualData.SelectMany(data => data.Select(field => field.Key)).Where(key => !expectedKeys.Contains(key)).Distinct(StringComparer.Ordinal).ToList();
        if (actualData.Count > 0)
        {
            var markers = actualData.Select(data => extraKeys.Count == 1 && data[extraKeys[0]] is JsonValue marker && marker.TryGetValue<string>(out var text) ? text : null).Distinct().ToList();
            Assert.True(
                extraKeys.Count == 1 && markers is [{ Length: > 0 }],
                $"Expected every button of {what} to carry one prompt marker, the same on each; extra data fields: [{string.Join(", ", extraKeys)}].{Environment.NewLine}{actual.Content.GetRawText()}{Describe()}");
            foreach (var data in actualData)
            {
                data.Remove(extraKeys[0]);
            }
        }

        Assert.True(
            JsonNode.DeepEquals(expectedCard, actualCard),
            $"{what} in the Playground differs from the card the bot builds for it.{Environment.NewLine}Expected:{Environment.NewLine}  {expectedCard.ToJsonString()}"
            + $"{Environment.NewLine}Shown (marker removed):{Environment.NewLine}  {actualCard.ToJsonString()}{Describe()}");
    }

    private void AssertCardShows(PlaygroundCard card, string what, string expectedText) =>
        Assert.True(
            card.Texts.Contains(expectedText, StringComparer.Ordinal),
            $"Expected the card to show {what}: \"{expectedText}\". It shows:{Environment.NewLine}  {string.Join($"{Environment.NewLine}  ", card.Texts)}{Describe()}");

    private void AssertText(string expected, PlaygroundMessage message) =>
        Assert.True(
            message.Text == expected,
            $"Expected the bot to say:{Environment.NewLine}  {expected}{Environment.NewLine}but the Playground showed:{Environment.NewLine}  {message.Text}{Describe()}");

    private void AssertSuggestedActions(IReadOnlyList<string> expected, PlaygroundMessage message) =>
        Assert.True(
            message.SuggestedActionTitles.SequenceEqual(expected, StringComparer.Ordinal),
            $"Expected \"{message.Text}\" to offer [{string.Join(", ", expected)}] but it offers [{string.Join(", ", message.SuggestedActionTitles)}].{Describe()}");

    private string Describe() =>
        $"{Environment.NewLine}Stream so far:{Environment.NewLine}{fixture.Playground.DescribeReceived()}{Environment.NewLine}{fixture.DescribeProcesses()}";

    private static IEnumerable<JsonObject> SubmitData(JsonNode? node) => node switch
    {
        JsonObject submit when submit["type"]?.GetValueKind() == JsonValueKind.String && (string?)submit["type"] == "Action.Submit" && submit["data"] is JsonObject data =>
            [data, .. submit.Where(field => field.Key != "data").SelectMany(field => SubmitData(field.Value))],
        JsonObject other => other.SelectMany(field => SubmitData(field.Value)),
        JsonArray array => array.SelectMany(SubmitData),
        _ => [],
    };
}
