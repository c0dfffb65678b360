using CaaBot.Protocol.Schema;

namespace CaaBot.Conversations.Turns;

/// <summary>
/// The default error answer: an apology, the correlation id to quote, and how to reach a person.
/// Never the exception text: that is for the logs, not for an employee whose Teams is already broken.
/// </summary>
/// <param name="reachAPerson">How to get human help, e.g. <c>type "agent" to talk to the helpdesk</c>.</param>
public sealed class TurnErrorHandler(string reachAPerson = "type \"agent\" to talk to a person at the helpdesk") : ITurnErrorHandler
{
    public Task OnTurnErrorAsync(ITurnContext turnContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (turnContext.Activity.Type == ActivityTypes.Invoke)
        {
            turnContext.InvokeResponse ??= new InvokeResponse(500);
        }

        var message = $"Sorry, something went wrong on my side, so I had to stop what we were doing. "
            + $"You can start again by sending any message, or {reachAPerson} and mention reference {turnContext.CorrelationId}.";
        return turnContext.SendActivityAsync(MessageFactory.Text(message), cancellationToken);
    }
}
