using CaaBot.Protocol.Schema;

namespace CaaBot.Conversations.Turns;

/// <summary>
/// Where a turn's outgoing activities go: the Bot Connector (Teams, Emulator), the HTTP response
/// (<c>expectReplies</c>), the self-hosted Direct Line, or a test's queue. Implemented by the host.
/// </summary>
public interface IActivityChannel
{
    Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken);

    Task<ResourceResponse> UpdateAsync(Activity activity, CancellationToken cancellationToken);

    Task DeleteAsync(Activity activityToDelete, CancellationToken cancellationToken);
}
