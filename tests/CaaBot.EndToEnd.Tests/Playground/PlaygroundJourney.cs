using System.Text.Json;
using System.Text.Json.Nodes;
using CaaBot.EndToEnd.Tests.Infrastructure;
using CaaBot.Knowledge.Playbooks;

namespace CaaBot.EndToEnd.Tests.Playground;

/// <summary>
/// The steps and checks a journey through the Playground is written in: wait for the next message, card or update
/// (with a deadline), click a card button, and compare what the Playground shows with what the bot builds. Every
/// failure says what was expected and shows the stream so far and both processes' recent output.
/// </summary>
internal sealed class PlaygroundJourney(AgentsPlaygroundFixture fixture, TimeSpan replyTimeout)
{
    private readonly AgentsPlaygroundFixture _fixture = fixture;
    private readonly TimeSpan _replyTimeout = replyTimeout;

    public PlaygroundClient Client => _fixture.Playground;

    /// <summary>A playbook as the host loads it: from the folder next to CaaBot.Web.dll (copied there by its build).</summary>
    public static async Task<Playbook> LoadPlaybookAsync(string code)
    {
        var folder = Path.Combine(Path.GetDirectoryName(TestPaths.CaaBotWebAssembly)!, "playbooks");
        var loaded = await new PlaybookLoader().LoadAsync(folder, CancellationToken.None);
        return loaded.Playbooks.SingleOrDefault(playbook => string.Equals(playbook.Code, code, StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException($"No playbook for {code} loaded from {folder} ({loaded.ErrorCount} errors).");
    }

    /// <summary>Clicks the one button of <paramref name="card"/> whose data says <c>"action": <paramref name="action"/></c> (one of the bot's <c>SupportCardActions</c>).</summary>
    public Task ClickAsync(PlaygroundCard card, string action) =>
        _fixture.Playground.SubmitCardAsync(
            card,
            card.SubmitAction(button => button.DataValue("action") == action, $"with action \"{action}\""),
            inputs: null,
            CancellationToken.None);

    /// <summary>The next new bot message; <paramref name="waitingFor"/> names it in a failure.</summary>
    public async Task<PlaygroundMessage> NextMessageAsync(string waitingFor)
    {
        try
        {
            return await _fixture.Playground.NextBotMessageAsync(_replyTimeout, CancellationToken.None);
        }
        catch (TimeoutException timeout)
        {
            throw new TimeoutException($"Waiting for {waitingFor}: {timeout.Message}{Environment.NewLine}{_fixture.DescribeProcesses()}", timeout);
        }
    }

    public async Task<PlaygroundCard> NextCardAsync(string waitingFor)
    {
        var message = await NextMessageAsync(waitingFor);
        return PlaygroundCard.TryFrom(message)
            ?? throw new InvalidOperationException($"Expected {waitingFor} as an Adaptive Card, but the Playground showed text \"{message.Text}\" and attachments {message.Attachments?.GetRawText() ?? "none"}.{Describe()}");
    }

    /// <summary>The bot's PUT on the connector shows as an update of the clicked card's message, with the record in its place.</summary>
    public async Task ExpectReplacedAsync(PlaygroundCard clicked, JsonElement expectedRecord, string what)
    {
        PlaygroundMessage updated;
        try
        {
            updated = await _fixture.Playground.NextBotUpdateAsync(_replyTimeout, CancellationToken.None);
        }
        catch (TimeoutException timeout)
        {
            throw new TimeoutException($"Waiting for {what} to be replaced after the click: {timeout.Message}{Environment.NewLine}{_fixture.DescribeProcesses()}", timeout);
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
    public void AssertCard(JsonElement expected, PlaygroundCard actual, string what)
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

    public void AssertCardShows(PlaygroundCard card, string what, string expectedText) =>
        Assert.True(
            card.Texts.Contains(expectedText, StringComparer.Ordinal),
            $"Expected the card to show {what}: \"{expectedText}\". It shows:{Environment.NewLine}  {string.Join($"{Environment.NewLine}  ", card.Texts)}{Describe()}");

    public void AssertText(string expected, PlaygroundMessage message) =>
        Assert.True(
            message.Text == expected,
            $"Expected the bot to say:{Environment.NewLine}  {expected}{Environment.NewLine}but the Playground showed:{Environment.NewLine}  {message.Text}{Describe()}");

    public void AssertSuggestedActions(IReadOnlyList<string> expected, PlaygroundMessage message) =>
        Assert.True(
            message.SuggestedActionTitles.SequenceEqual(expected, StringComparer.Ordinal),
            $"Expected \"{message.Text}\" to offer [{string.Join(", ", expected)}] but it offers [{string.Join(", ", message.SuggestedActionTitles)}].{Describe()}");

    public string Describe() =>
        $"{Environment.NewLine}Stream so far:{Environment.NewLine}{_fixture.Playground.DescribeReceived()}{Environment.NewLine}{_fixture.DescribeProcesses()}";

    private static IEnumerable<JsonObject> SubmitData(JsonNode? node) => node switch
    {
        JsonObject submit when submit["type"]?.GetValueKind() == JsonValueKind.String && (string?)submit["type"] == "Action.Submit" && submit["data"] is JsonObject data =>
            [data, .. submit.Where(field => field.Key != "data").SelectMany(field => SubmitData(field.Value))],
        JsonObject other => other.SelectMany(field => SubmitData(field.Value)),
        JsonArray array => array.SelectMany(SubmitData),
        _ => [],
    };
}
