using Microsoft.Extensions.Options;

namespace CaaBot.Helpdesk.Handoff;

/// <summary>Whether a user can be offered a person right now: live chat on, within business hours, and an agent present.</summary>
public sealed class LiveChatAvailability(AgentPresence presence, IOptions<LiveChatOptions> options, TimeProvider timeProvider)
{
    public LiveChatOptions Options { get; } = options.Value;

    public async Task<bool> IsAvailableAsync(CancellationToken cancellationToken) =>
        Options.Enabled
        && Options.BusinessHours.IsOpen(timeProvider.GetUtcNow())
        && (await presence.PresentAsync(cancellationToken)).Count > 0;
}
