namespace CaaBot.Storage.Tests.Support;

/// <summary>Waits for a condition that another thread makes true; the timeout only bounds a failing test.</summary>
public static class Poll
{
    private static readonly TimeSpan FailAfter = TimeSpan.FromSeconds(30);

    public static async Task UntilAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(condition);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(FailAfter);
        while (!condition())
        {
            try
            {
                await Task.Delay(20, timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"The condition did not become true within {FailAfter}.");
            }
        }
    }
}
