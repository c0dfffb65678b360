namespace CaaBot.EndToEnd.Tests.Infrastructure;

/// <summary>Readiness polling with a deadline: for "is the server up yet", never as an assertion about timing.</summary>
internal static class Poll
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <summary>Calls <paramref name="probe"/> until it returns a value; throws <see cref="TimeoutException"/> with <paramref name="describe"/> after <paramref name="timeout"/>.</summary>
    public static async Task<T> UntilAsync<T>(Func<CancellationToken, Task<T?>> probe, TimeSpan timeout, Func<string> describe, CancellationToken cancellationToken)
        where T : class
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            try
            {
                if (await probe(deadline.Token) is { } value)
                {
                    return value;
                }

                await Task.Delay(Interval, deadline.Token);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"Gave up after {timeout.TotalSeconds:0} s: {describe()}");
            }
        }
    }

    /// <summary>Polls <paramref name="address"/> until it answers 2xx; fails fast with the output when <paramref name="process"/> dies.</summary>
    public static async Task UntilAnswersAsync(ChildProcess process, Uri address, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(process);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await UntilAsync(
            async token =>
            {
                process.ThrowIfExited();
                try
                {
                    using var response = await http.GetAsync(address, token);
                    return response.IsSuccessStatusCode ? "up" : null;
                }
                catch (HttpRequestException)
                {
                    return null;
                }
            },
            timeout,
            () => $"GET {address} never succeeded.{Environment.NewLine}{process.RecentOutput()}",
            cancellationToken);
    }
}
