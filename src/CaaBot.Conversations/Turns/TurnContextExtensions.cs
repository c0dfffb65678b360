using CaaBot.Protocol.Schema;

namespace CaaBot.Conversations.Turns;

/// <summary>Shorthands over <see cref="ITurnContext"/>.</summary>
public static class TurnContextExtensions
{
    /// <summary>Sends a markdown text message as a reply.</summary>
    public static Task<ResourceResponse> SendActivityAsync(this ITurnContext turnContext, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        return turnContext.SendActivityAsync(MessageFactory.Text(text), cancellationToken);
    }

    /// <summary>Shows "typing…" right away (typing is never held back until the end of the turn).</summary>
    public static Task<ResourceResponse> SendTypingAsync(this ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        return turnContext.SendActivityAsync(MessageFactory.Typing(), cancellationToken);
    }
}
