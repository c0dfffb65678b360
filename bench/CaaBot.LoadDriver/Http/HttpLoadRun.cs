using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CaaBot.LoadDriver.Hosting;
using CaaBot.LoadDriver.Reporting;

namespace CaaBot.LoadDriver.Http;

/// <summary>
/// A closed loop against one running target: <c>concurrency</c> workers, each running whole journeys back to back, every
/// journey a new conversation and a new user, for a fixed time. A turn counts when its checked response arrived inside
/// the window; a failed turn ends its journey (the next turns depend on its replies) and the worker starts a new one.
/// </summary>
internal sealed class HttpLoadRun(TargetProcess target, HttpJourney journey, string messagesPath, HttpClient http)
{
    private static int s_conversations;

    public async Task<HttpLevelResult> RunAsync(string name, int concurrency, TimeSpan duration, CancellationToken cancellationToken)
    {
        var latencies = new ConcurrentBag<double[]>();
        var errors = new ConcurrentQueue<string>();
        var turns = 0;
        var journeys = 0;
        var errorCount = 0;
        var uri = new Uri(target.BaseUri, messagesPath);
        var cpuBefore = target.ReadCpuTime();
        var clock = Stopwatch.StartNew();
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            var mine = new List<double>(4096);
            while (Stopwatch.GetTimestamp() < deadline && !cancellationToken.IsCancellationRequested)
            {
                var id = Interlocked.Increment(ref s_conversations).ToString(CultureInfo.InvariantCulture);
                var conversation = new ExpectRepliesConversation(http, uri, $"load-{Environment.ProcessId}-{id}", $"load-user-{Environment.ProcessId}-{id}");
                IReadOnlyList<JsonElement> previous = [];
                var finished = true;
                foreach (var turn in journey.Turns)
                {
                    if (Stopwatch.GetTimestamp() >= deadline)
                    {
                        finished = false;
                        break;
                    }

                    try
                    {
                        (previous, var ms) = await conversation.SendAsync(turn, previous, cancellationToken);
                        if (Stopwatch.GetTimestamp() <= deadline)
                        {
                            mine.Add(ms);
                        }
                    }
                    catch (Exception exception) when (exception is JourneyCheckException or HttpRequestException or InvalidOperationException or JsonException
                        || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
                    {
                        if (Interlocked.Increment(ref errorCount) <= 5)
                        {
                            errors.Enqueue($"{exception.GetType().Name}: {exception.Message}");
                        }

                        finished = false;
                        break;
                    }
                }

                if (finished)
                {
                    Interlocked.Increment(ref journeys);
                }
            }

            Interlocked.Add(ref turns, mine.Count);
            latencies.Add([.. mine]);
        }, cancellationToken)).ToArray();
        await Task.WhenAll(workers);
        var elapsed = Math.Min(clock.Elapsed.TotalSeconds, duration.TotalSeconds);
        var cpu = target.ReadCpuTime() - cpuBefore;
        return new HttpLevelResult
        {
            Target = name,
            Concurrency = concurrency,
            Turns = turns,
            Journeys = journeys,
            Seconds = elapsed,
            LatencyMs = Percentiles.Of([.. latencies.SelectMany(sample => sample)]),
            Errors = errorCount,
            TargetCpuSeconds = cpu.TotalSeconds,
            ErrorSamples = [.. errors],
        };
    }

    /// <summary>Runs <paramref name="count"/> conversations through the first <paramref name="turns"/> turns, <paramref name="concurrency"/> at once; returns the errors.</summary>
    public async Task<int> FillAsync(int count, int turns, int concurrency, CancellationToken cancellationToken)
    {
        var uri = new Uri(target.BaseUri, messagesPath);
        var errors = 0;
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (index, token) =>
        {
            var id = Interlocked.Increment(ref s_conversations).ToString(CultureInfo.InvariantCulture);
            var conversation = new ExpectRepliesConversation(http, uri, $"fill-{Environment.ProcessId}-{id}", $"fill-user-{Environment.ProcessId}-{id}");
            IReadOnlyList<JsonElement> previous = [];
            try
            {
                foreach (var turn in journey.Turns.Take(turns))
                {
                    (previous, _) = await conversation.SendAsync(turn, previous, token);
                }
            }
            catch (Exception exception) when (exception is JourneyCheckException or HttpRequestException or InvalidOperationException or JsonException
                || (exception is TaskCanceledException && !token.IsCancellationRequested))
            {
                Interlocked.Increment(ref errors);
            }
        });
        return errors;
    }
}
