namespace CaaBot.Conversations.Turns;

/// <summary>The bot's logic for one turn: whatever it does with the incoming activity.</summary>
public interface IBot
{
    Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken);
}
