using CaaBot.Conversations.Turns;

namespace CaaBot.Benchmarks.Waterfall;

/// <summary>
/// Answers each message with a fixed reply and no dialog: the baseline that shows what the turn pipeline
/// (state load and commit, dedup ids, delivery) costs before any dialog runs.
/// </summary>
public sealed class EchoBot(string reply) : IBot
{
    public Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        return turnContext.SendActivityAsync(MessageFactory.Text(reply), cancellationToken);
    }
}
