namespace CaaBot.Helpdesk.Handoff;

/// <summary>
/// Told of every change of a live chat, on the instance that made it: the bot's side relays agent lines to the
/// user, a Teams helpdesk channel posts the escalation card and user lines. The console needs no observer: it
/// follows the <see cref="LiveHandoffDesk.FeedStream"/>, which every instance sees.
/// </summary>
public interface IHandoffObserver
{
    Task OnChangedAsync(HandoffChange change, CancellationToken cancellationToken);
}
