using System.Collections.Concurrent;

namespace CaaBot.Web.Endpoints;

/// <summary>
/// Turns that outlived the channel's wait (Azure Bot Service gives a call about 15 s): the request was answered
/// already and the turn finishes here, its replies going out through the Connector as proactive messages. On
/// shutdown the host waits for them (within its shutdown timeout) so a slow answer is not cut off by a deploy.
/// </summary>
public sealed class OutOfBandTurns(ILogger<OutOfBandTurns> logger) : IHostedService
{
    private readonly ConcurrentDictionary<Task, byte> _running = new();

    public int RunningCount => _running.Count;

    public void Track(Task turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        _running.TryAdd(turn, 0);
        _ = turn.ContinueWith(
            finished =>
            {
                _running.TryRemove(finished, out _);
                if (finished.Exception is { } exception)
                {
                    BotMessageLog.OutOfBandTurnFailed(logger, exception.GetBaseException());
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var pending = _running.Keys.ToArray();
        if (pending.Length > 0)
        {
            // Failures were logged by Track; here we only wait, until the host's shutdown timeout says stop.
            await Task.WhenAll(pending).WaitAsync(cancellationToken).ContinueWith(static _ => { }, TaskScheduler.Default);
        }
    }
}
