using System.Text.Json;
using CaaBot.Conversations.State;
using CaaBot.Conversations.Turns;
using CaaBot.Protocol;
using CaaBot.Protocol.Schema;

namespace CaaBot.Conversations.Testing.Tests;

/// <summary>Echoes text, counts messages, and sends a card or typing on request: enough surface for the test tooling.</summary>
public sealed class EchoBot(string prefix = "You said: ") : IBot
{
    private static readonly StateProperty<int> Count = ConversationState.CreateProperty("count", ProtocolJson.Options, () => 0);

    public async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (turnContext.Activity.Type != ActivityTypes.Message)
        {
            return;
        }

        Count.Set(turnContext, Count.Get(turnContext) + 1);
        switch (turnContext.Activity.Text)
        {
            case "card":
                await turnContext.SendActivityAsync(MessageFactory.AdaptiveCard(ProtocolJson.ToElement(new
                {
                    type = "AdaptiveCard",
                    version = "1.5",
                    body = new[] { new { type = "TextBlock", text = "Pick one" } },
                    actions = new[] { new { type = "Action.Submit", title = "Go", data = new { verb = "go" } } },
                })), cancellationToken);
                break;
            case "typing":
                await turnContext.SendTypingAsync(cancellationToken);
                await turnContext.SendActivityAsync("done", cancellationToken);
                break;
            case "quiet":
                break;
            case null when turnContext.Activity.IsCardSubmit():
                await turnContext.SendActivityAsync($"submitted {JsonSerializer.Serialize(turnContext.Activity.Value!.Value)}", cancellationToken);
                break;
            default:
                await turnContext.SendActivityAsync(
                    MessageFactory.SuggestedActions($"{prefix}{turnContext.Activity.Text} (#{Count.Get(turnContext)})", ["again"]), cancellationToken);
                break;
        }
    }
}
