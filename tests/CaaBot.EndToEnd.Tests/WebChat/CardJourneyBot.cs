using System.Collections.Concurrent;
using System.Text.Json;
using CaaBot.Conversations.Turns;
using CaaBot.Protocol.Schema;

namespace CaaBot.EndToEnd.Tests.WebChat;

/// <summary>
/// A tiny stand-in bot for the card journey in the browser: a welcome with a card holding two Action.Submit buttons;
/// a click replaces the card (same activity id) with a compact record of the answer, then confirms in a new message.
/// Web Chat's card submits carry no replyToId, so the bot remembers the id its card was delivered with.
/// </summary>
public sealed class CardJourneyBot : IBot
{
    private readonly ConcurrentDictionary<string, string> _cardIds = new(StringComparer.Ordinal);

    public const string Question = "Is this the PC that shows the error?";
    public const string Answered = "Answered: this PC";
    public const string Confirmation = "Thanks, noted: this PC.";

    private static readonly JsonElement Card = JsonSerializer.SerializeToElement(new Dictionary<string, object>
    {
        ["type"] = "AdaptiveCard",
        ["version"] = "1.5",
        ["body"] = new object[] { new { type = "TextBlock", text = Question, wrap = true } },
        ["actions"] = new object[]
        {
            new { type = "Action.Submit", title = "Yes, this PC", data = new { answer = "this" } },
            new { type = "Action.Submit", title = "No, another one", data = new { answer = "other" } },
        },
    });

    public async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var activity = turnContext.Activity;
        var conversationId = activity.Conversation?.Id ?? string.Empty;
        if (activity.Type == ActivityTypes.ConversationUpdate)
        {
            await SendCardAsync(turnContext, conversationId, cancellationToken);
            return;
        }

        if (activity.Type != ActivityTypes.Message)
        {
            return;
        }

        if (activity.Value is { ValueKind: JsonValueKind.Object } submitted && _cardIds.TryRemove(conversationId, out var cardId))
        {
            var choice = submitted.TryGetProperty("answer", out var answer) ? answer.GetString() : null;
            await turnContext.UpdateActivityAsync(
                MessageFactory.Text(choice == "this" ? Answered : "Answered: another PC") with { Id = cardId },
                cancellationToken);
            await turnContext.SendActivityAsync(choice == "this" ? Confirmation : "Thanks, noted: another PC.", cancellationToken);
            return;
        }

        await SendCardAsync(turnContext, conversationId, cancellationToken);
    }

    private async Task SendCardAsync(ITurnContext turnContext, string conversationId, CancellationToken cancellationToken)
    {
        turnContext.TurnState.GetRequired<TurnDelivery>().OnDelivered((delivered, _) =>
        {
            if (delivered.FirstOrDefault(sent => sent.Attachments is { Count: > 0 })?.Id is { } id)
            {
                _cardIds[conversationId] = id;
            }

            return Task.CompletedTask;
        });
        await turnContext.SendActivityAsync(MessageFactory.AdaptiveCard(Card), cancellationToken);
    }
}
