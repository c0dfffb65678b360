using System.Globalization;
using CaaBot.Protocol.Schema;

namespace CaaBot.Conversations.State;

/// <summary>
/// Keys user state by the person's Microsoft Entra object id when the channel knows it (Teams always sends
/// <c>from.aadObjectId</c>; CaaBot's Direct Line sets it for users its intranet vouches for), so the same employee
/// continues the same troubleshooting in Teams and in the intranet web chat. Anyone else is keyed by channel and id.
/// </summary>
public sealed class DirectoryUserStateKeyResolver : IUserStateKeyResolver
{
    private readonly ChannelUserStateKeyResolver _fallback = new();

    public ValueTask<string?> ResolveAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return Guid.TryParse(activity.From?.AadObjectId, out var objectId)
            ? ValueTask.FromResult<string?>(string.Create(CultureInfo.InvariantCulture, $"user/aad/{objectId:D}"))
            : _fallback.ResolveAsync(activity, cancellationToken);
    }
}
