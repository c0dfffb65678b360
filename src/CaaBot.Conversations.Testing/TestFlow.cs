using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CaaBot.Conversations.Turns;
using CaaBot.Protocol;
using CaaBot.Protocol.Schema;

namespace CaaBot.Conversations.Testing;

/// <summary>
/// A conversation test that reads like a transcript:
/// <c>new TestFlow(adapter, bot).Send("hi").AssertReply("Hello!").StartTestAsync()</c>.
/// Steps run in order when <see cref="StartTestAsync"/> is awaited. A send completes its whole turn (commit and
/// delivery) before the next step, so assertions never wait or time out: a reply is there or it is not.
/// </summary>
public sealed class TestFlow(TestAdapter adapter, IBot bot)
{
    private readonly List<(string Description, Func<CancellationToken, Task> Run)> _steps = [];

    public TestAdapter Adapter => adapter;

    /// <summary>The user types <paramref name="text"/>.</summary>
    public TestFlow Send(string text) =>
        AddStep($"Send(\"{text}\")", token => adapter.SendTextAsync(text, bot, token));

    /// <summary>The user sends <paramref name="activity"/> (missing addressing is filled in).</summary>
    public TestFlow Send(Activity activity) =>
        AddStep($"Send({activity.Type})", token => adapter.ProcessActivityAsync(activity, bot, token));

    /// <summary>The user clicks a card button whose submit value is exactly <paramref name="data"/>.</summary>
    public TestFlow SendCardSubmit(object data) =>
        AddStep("SendCardSubmit", token => adapter.ProcessActivityAsync(adapter.MakeCardSubmit(data), bot, token));

    /// <summary>
    /// The user clicks the <c>Action.Submit</c> titled <paramref name="actionTitle"/> (or the first one) on the latest
    /// card the bot sent: the action's data merged with <paramref name="inputs"/>, as Teams and Web Chat send it.
    /// </summary>
    public TestFlow SubmitLatestCard(object? inputs = null, string? actionTitle = null) =>
        AddStep($"SubmitLatestCard({actionTitle ?? "first action"})", token =>
        {
            var card = adapter.LatestBotActivity(IsCardMessage)
                ?? throw new TestFlowAssertionException("SubmitLatestCard: the bot has not sent an Adaptive Card.");
            return SubmitAsync(card, inputs, actionTitle, token);
        });

    /// <summary>
    /// The user clicks a button on the <paramref name="cardIndex"/>-th card (0-based) the bot sent in this conversation,
    /// e.g. an old card that is still on screen after the dialog moved on.
    /// </summary>
    public TestFlow SubmitCard(int cardIndex, object? inputs = null, string? actionTitle = null) =>
        AddStep($"SubmitCard(#{cardIndex}, {actionTitle ?? "first action"})", token =>
        {
            var cards = adapter.Transcript.Where(activity => activity.From?.Role == RoleTypes.Bot && IsCardMessage(activity)).ToList();
            return cardIndex < cards.Count
                ? SubmitAsync(cards[cardIndex], inputs, actionTitle, token)
                : throw new TestFlowAssertionException($"SubmitCard: the bot has sent only {cards.Count} card(s).");
        });

    public TestFlow SendConversationUpdate() =>
        AddStep("SendConversationUpdate", token => adapter.ProcessActivityAsync(adapter.MakeConversationUpdate(), bot, token));

    /// <summary>Runs <paramref name="action"/> at this point of the flow (edit a playbook, restart a service…).</summary>
    public TestFlow Do(string description, Func<CancellationToken, Task> action)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        ArgumentNullException.ThrowIfNull(action);
        return AddStep(description, action);
    }

    /// <summary>Moves the fake clock.</summary>
    public TestFlow AdvanceClock(TimeSpan delta) =>
        AddStep($"AdvanceClock({delta})", _ =>
        {
            adapter.Clock.Advance(delta);
            return Task.CompletedTask;
        });

    /// <summary>The next reply is a message whose text is exactly <paramref name="expectedText"/>.</summary>
    public TestFlow AssertReply(string expectedText) =>
        AssertNext($"AssertReply(\"{expectedText}\")", reply =>
            reply.Type == ActivityTypes.Message && reply.Text == expectedText
                ? null
                : $"expected the message \"{expectedText}\" but the bot sent {Describe(reply)}");

    /// <summary>The next reply satisfies <paramref name="inspect"/> (which asserts with your test framework).</summary>
    public TestFlow AssertReply(Action<Activity> inspect)
    {
        ArgumentNullException.ThrowIfNull(inspect);
        return AssertNext("AssertReply(inspect)", reply =>
        {
            inspect(reply);
            return null;
        });
    }

    /// <summary>The next reply is a message whose text contains <paramref name="expectedPart"/> (ordinal).</summary>
    public TestFlow AssertReplyContains(string expectedPart) =>
        AssertNext($"AssertReplyContains(\"{expectedPart}\")", reply =>
            reply.Type == ActivityTypes.Message && reply.Text?.Contains(expectedPart, StringComparison.Ordinal) == true
                ? null
                : $"expected a message containing \"{expectedPart}\" but the bot sent {Describe(reply)}");

    /// <summary>The next reply carries an Adaptive Card; <paramref name="inspect"/> gets the card JSON.</summary>
    public TestFlow AssertCard(Action<JsonElement>? inspect = null) =>
        AssertNext("AssertCard", reply =>
        {
            var card = reply.Attachments?.FirstOrDefault(a => a.ContentType == ContentTypes.AdaptiveCard)?.Content;
            if (card is null)
            {
                return $"expected an Adaptive Card but the bot sent {Describe(reply)}";
            }

            inspect?.Invoke(card.Value);
            return null;
        });

    /// <summary>The next reply offers exactly these suggested actions, in this order.</summary>
    public TestFlow AssertSuggestedActions(params string[] titles) =>
        AssertNext($"AssertSuggestedActions({string.Join(", ", titles)})", reply =>
        {
            var actual = reply.SuggestedActions?.Actions.Select(action => action.Title ?? string.Empty).ToArray() ?? [];
            return actual.SequenceEqual(titles, StringComparer.Ordinal)
                ? null
                : $"expected suggested actions [{string.Join(", ", titles)}] but got [{string.Join(", ", actual)}] on {Describe(reply)}";
        });

    public TestFlow AssertTyping() =>
        AssertNext("AssertTyping", reply => reply.Type == ActivityTypes.Typing ? null : $"expected typing but the bot sent {Describe(reply)}");

    /// <summary>The bot has sent nothing more.</summary>
    public TestFlow AssertNoReply() =>
        AddStep("AssertNoReply", _ => adapter.TryGetNextReply(out var reply)
            ? throw new TestFlowAssertionException($"AssertNoReply: expected no more replies but the bot sent {Describe(reply)}")
            : Task.CompletedTask);

    /// <summary>Runs the steps in order; the first unmet expectation throws <see cref="TestFlowAssertionException"/>.</summary>
    public async Task StartTestAsync(CancellationToken cancellationToken = default)
    {
        for (var index = 0; index < _steps.Count; index++)
        {
            var (description, run) = _steps[index];
            try
            {
                await run(cancellationToken);
            }
            catch (TestFlowAssertionException exception)
            {
                throw new TestFlowAssertionException(
                    string.Create(CultureInfo.InvariantCulture, $"Step {index + 1} of {_steps.Count}, {exception.Message}"), exception);
            }
        }
    }

    private TestFlow AddStep(string description, Func<CancellationToken, Task> run)
    {
        _steps.Add((description, run));
        return this;
    }

    /// <summary><paramref name="check"/> returns null when the reply is as expected, otherwise what went wrong.</summary>
    private TestFlow AssertNext(string description, Func<Activity, string?> check) =>
        AddStep(description, _ =>
        {
            if (!adapter.TryGetNextReply(out var reply))
            {
                throw new TestFlowAssertionException($"{description}: the bot sent nothing more.");
            }

            return check(reply) is { } problem
                ? throw new TestFlowAssertionException($"{description}: {problem}.")
                : Task.CompletedTask;
        });

    private Task SubmitAsync(Activity card, object? inputs, string? actionTitle, CancellationToken cancellationToken) =>
        adapter.ProcessActivityAsync(
            adapter.MakeIncoming(ActivityTypes.Message) with { Value = BuildSubmit(card, inputs, actionTitle), ReplyToId = card.Id },
            bot,
            cancellationToken);

    /// <summary>A card the bot sent (updates that replaced a card later are not cards one can click).</summary>
    private static bool IsCardMessage(Activity activity) =>
        activity.Type == ActivityTypes.Message && activity.Attachments?.Any(a => a.ContentType == ContentTypes.AdaptiveCard) == true;

    private static string Describe(Activity activity) => activity.Type switch
    {
        ActivityTypes.Message when activity.Attachments is { Count: > 0 } attachments =>
            $"a message \"{activity.Text}\" with {attachments.Count} attachment(s) ({string.Join(", ", attachments.Select(a => a.ContentType))})",
        ActivityTypes.Message => $"the message \"{activity.Text}\"",
        _ => $"a {activity.Type} activity",
    };

    private static JsonElement BuildSubmit(Activity card, object? inputs, string? actionTitle)
    {
        var content = card.Attachments!.First(a => a.ContentType == ContentTypes.AdaptiveCard).Content!.Value;
        var actions = new List<JsonObject>();
        CollectSubmitActions(JsonNode.Parse(content.GetRawText()), actions);
        var action = actions.FirstOrDefault(a => actionTitle is null || (string?)a["title"] == actionTitle)
            ?? throw new TestFlowAssertionException($"SubmitLatestCard: the latest card has no Action.Submit titled \"{actionTitle}\".");
        var data = action["data"] as JsonObject ?? [];
        if (inputs is not null && JsonNode.Parse(ProtocolJson.Serialize(inputs)) is JsonObject inputValues)
        {
            foreach (var (name, value) in inputValues)
            {
                data[name] = value?.DeepClone();
            }
        }

        using var document = JsonDocument.Parse(data.ToJsonString());
        return document.RootElement.Clone();
    }

    private static void CollectSubmitActions(JsonNode? node, List<JsonObject> actions)
    {
        switch (node)
        {
            case JsonObject obj:
                if ((string?)(obj["type"] as JsonValue) == "Action.Submit")
                {
                    actions.Add(obj);
                }

                foreach (var (_, child) in obj)
                {
                    CollectSubmitActions(child, actions);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    CollectSubmitActions(child, actions);
                }

                break;
        }
    }
}
