using System.Globalization;
using CaaBot.Conversations.State;
using CaaBot.Conversations.Turns;

namespace CaaBot.Conversations.Tests.Fixtures;

/// <summary>Adds one to a conversation counter per message and says the new value: lost updates show as repeated or missing numbers.</summary>
public sealed class CounterBot(Func<CancellationToken, Task>? duringTurnAsync = null) : IBot
{
    public static StateProperty<int> Count { get; } = ConversationState.CreateProperty("count", TestJson.Default.Int32, () => 0);

    public async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var next = Count.Get(turnContext) + 1;
        if (duringTurnAsync is not null)
        {
            await duringTurnAsync(cancellationToken);
        }

        Count.Set(turnContext, next);
        await turnContext.SendActivityAsync(next.ToString(CultureInfo.InvariantCulture), cancellationToken);
    }
}
