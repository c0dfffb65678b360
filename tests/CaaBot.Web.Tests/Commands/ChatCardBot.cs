using System.Text.Json;
using CaaBot.Conversations.Turns;
using CaaBot.Protocol.Schema;

namespace CaaBot.Web.Tests.Commands;

/// <summary>
/// A stand-in bot for chat-mode tests: "card" sends an Adaptive Card with an input and two submit buttons,
/// "options" sends suggested actions, a card submit is echoed field by field, anything else is echoed.
/// </summary>
public sealed class ChatCardBot : IBot
{
    public static readonly JsonElement Card = JsonSerializer.SerializeToElement(new Dictionary<string, object>
    {
        ["type"] = "AdaptiveCard",
        ["version"] = "1.5",
        ["body"] = new object[]
        {
            new { type = "TextBlock", text = "Is this the PC that shows the error?" },
            new { type = "FactSet", facts = new[] { new { title = "Error", value = "0xCAA20003" } } },
            new { type = "Input.Text", id = "note", label = "Anything else?" },
        },
        ["actions"] = new object[]
        {
            new { type = "Action.Submit", title = "Yes, this PC", data = new { answer = "yes" } },
            new { type = "Action.Submit", title = "No, another one", data = new { answer = "no" } },
        },
    });

    public static readonly JsonElement Survey = JsonSerializer.SerializeToElement(new Dictionary<string, object>
    {
        ["type"] = "AdaptiveCard",
        ["version"] = "1.5",
        ["body"] = new object[]
        {
            new
            {
                type = "Input.ChoiceSet",
                id = "platform",
                label = "Platform",
                choices = new[] { new { title = "Windows", value = "win" }, new { title = "Mac", value = "mac" } },
            },
            new { type = "Input.Toggle", id = "restarted", title = "Restarted Teams?" },
        },
        ["actions"] = new object[]
        {
            new { type = "Action.OpenUrl", title = "Read more", url = "https://learn.microsoft.com/microsoftteams/troubleshoot" },
            new { type = "Action.Submit", title = "Send", data = new { form = "survey" } },
        },
    });

    public async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        if (activity.Type != ActivityTypes.Message)
        {
            return;
        }

        if (activity.Value is { ValueKind: JsonValueKind.Object } submitted)
        {
            var fields = submitted.EnumerateObject().Select(field => $"{field.Name}={field.Value.GetString()}");
            await turnContext.SendActivityAsync(MessageFactory.Text($"Submitted (text: {activity.Text ?? "none"}): {string.Join(", ", fields)}"), cancellationToken);
            return;
        }

        await turnContext.SendActivityAsync(MessageFactory.Typing(), cancellationToken);
        await turnContext.SendActivityAsync(
            activity.Text switch
            {
                "card" => MessageFactory.AdaptiveCard(Card, "Quick check:"),
                "survey" => MessageFactory.AdaptiveCard(Survey),
                "options" => MessageFactory.SuggestedActions("Which platform?", ["Windows", "Mac"]),
                _ => MessageFactory.Text($"You said: {activity.Text}"),
            },
            cancellationToken);
    }
}
