using System.Globalization;
using CaaBot.Conversations.Turns;
using CaaBot.Protocol.Schema;

namespace CaaBot.Benchmarks.Waterfall;

/// <summary>
/// Keeps what the bot sends in memory, like botbuilder's TestAdapter queue on the peer's side, so both sides
/// measure the engine and not a transport.
/// </summary>
public sealed class RecordingChannel : IActivityChannel
{
    private readonly List<Activity> _sent = [];
    private long _nextId;

    public IReadOnlyList<Activity> Sent => _sent;

    public void Clear() => _sent.Clear();

    public Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        _sent.Add(activity);
        return Task.FromResult(new ResourceResponse((++_nextId).ToString(CultureInfo.InvariantCulture)));
    }

    public Task<ResourceResponse> UpdateAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return Task.FromResult(new ResourceResponse(activity.Id));
    }

    public Task DeleteAsync(Activity activityToDelete, CancellationToken cancellationToken) => Task.CompletedTask;
}
