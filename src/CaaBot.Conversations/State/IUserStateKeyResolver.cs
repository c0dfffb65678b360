using CaaBot.Protocol.Schema;

namespace CaaBot.Conversations.State;

/// <summary>
/// Decides which user-state document an activity reads and writes. The default keys by channel and user id;
/// a later identity mapping (same employee on Teams and on the intranet web chat) plugs in here.
/// </summary>
public interface IUserStateKeyResolver
{
    /// <summary>The key, or null when the activity has no identifiable user (user state is then empty and not saved).</summary>
    ValueTask<string?> ResolveAsync(Activity activity, CancellationToken cancellationToken);
}
