using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using CaaBot.LoadDriver.Client;
using CaaBot.LoadDriver.Hosting;
using CaaBot.LoadDriver.Reporting;

namespace CaaBot.LoadDriver;

/// <summary>
/// One measurement against one freshly started target: warm up, read RSS, open <c>connections</c> conversations
/// (at most <see cref="LoadSettings.ConnectConcurrency"/> connecting at once), hold them all open and idle, read RSS,
/// then run the journey on every conversation (at most <see cref="LoadSettings.JourneyConcurrency"/> conversations
/// mid-journey at once) while all sockets stay open, read RSS again, close everything. Every wait has a timeout and
/// every loop a count, so a stuck target ends the run instead of hanging it.
/// </summary>
internal sealed class LoadRun(TargetProcess target, Journey journey, LoadSettings settings, TextWriter progress)
{
    private readonly ConcurrentBag<string> _errors = [];
    private int _connectErrors;
    private int _turnErrors;
    private int _timeouts;

    public async Task<LoadResult> RunAsync(string name, int connections, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = settings.HttpConnections, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) };
        using var http = new HttpClient(handler) { Timeout = settings.RequestTimeout };

        // Warm-up: JIT, pools, the database file; these conversations are closed before the baseline is read.
        var warm = await OpenAsync(http, settings.WarmupConversations, [], cancellationToken);
        await RunJourneysAsync(warm, new ConcurrentBag<(int, double)>(), cancellationToken);
        await CloseAsync(warm);
        progress.WriteLine($"  {name}: warmed up with {warm.Count} conversations ({_connectErrors + _turnErrors} errors, {_timeouts} timeouts, not counted below)");
        Interlocked.Exchange(ref _connectErrors, 0);
        Interlocked.Exchange(ref _turnErrors, 0);
        Interlocked.Exchange(ref _timeouts, 0);
        _errors.Clear();
        await Task.Delay(settings.SettleTime, cancellationToken);
        var rssBefore = target.ReadResidentBytes();

        var connectMs = new ConcurrentBag<double>();
        var ramp = Stopwatch.StartNew();
        var open = await OpenAsync(http, connections, connectMs, cancellationToken);
        ramp.Stop();
        progress.WriteLine($"  {name} (pid {target.ProcessId}): {open.Count}/{connections} connected in {ramp.Elapsed.TotalSeconds:F1} s; holding {settings.SettleTime.TotalSeconds:F0} s");
        await Task.Delay(settings.SettleTime, cancellationToken);
        var rssConnected = target.ReadResidentBytes();

        var roundTrips = new ConcurrentBag<(int Turn, double Ms)>();
        var threadsBefore = target.ReadThreadCount();
        using var sampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var peakThreads = SamplePeakThreadsAsync(sampling.Token);
        var cpuBefore = target.ReadCpuTime();
        var journeyClock = Stopwatch.StartNew();
        await RunJourneysAsync(open, roundTrips, cancellationToken);
        journeyClock.Stop();
        var cpuJourney = target.ReadCpuTime() - cpuBefore;
        await sampling.CancelAsync();
        var threadsPeak = await peakThreads;
        var rssAfter = target.ReadResidentBytes();
        var foreign = open.Sum(conversation => conversation.Foreign);
        progress.WriteLine($"  {name}: {roundTrips.Count} turns in {journeyClock.Elapsed.TotalSeconds:F1} s, {_turnErrors} errors, {_timeouts} timeouts");
        await CloseAsync(open);

        return new LoadResult
        {
            Target = name,
            Connections = connections,
            Connected = open.Count,
            ConnectMs = Percentiles.Of(connectMs),
            RampSeconds = ramp.Elapsed.TotalSeconds,
            RoundTripMs = Percentiles.Of([.. roundTrips.Select(trip => trip.Ms)]),
            ByTurn = [.. journey.Turns.Select((turn, index) => (turn.Name, Percentiles.Of([.. roundTrips.Where(trip => trip.Turn == index).Select(trip => trip.Ms)])))],
            TurnsCompleted = roundTrips.Count,
            JourneySeconds = journeyClock.Elapsed.TotalSeconds,
            ConnectErrors = _connectErrors,
            TurnErrors = _turnErrors,
            Timeouts = _timeouts,
            ForeignActivities = foreign,
            RssBeforeBytes = rssBefore,
            RssConnectedBytes = rssConnected,
            RssAfterJourneyBytes = rssAfter,
            JourneyCpuSeconds = cpuJourney.TotalSeconds,
            ThreadsBeforeJourney = threadsBefore,
            ThreadsPeakInJourney = threadsPeak,
            ErrorSamples = [.. _errors.Take(5)],
        };
    }

    private async Task<List<LoadConversation>> OpenAsync(HttpClient http, int count, ConcurrentBag<double> connectMs, CancellationToken cancellationToken)
    {
        var open = new ConcurrentBag<LoadConversation>();
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = settings.ConnectConcurrency, CancellationToken = cancellationToken }, async (_, token) =>
        {
            var conversation = new LoadConversation(http, target.BaseUri);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
            timeout.CancelAfter(settings.TurnTimeout);
            try
            {
                connectMs.Add(await conversation.ConnectAsync(timeout.Token));
                open.Add(conversation);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !token.IsCancellationRequested)
            {
                Fail(ref _connectErrors, exception, timeout.IsCancellationRequested);
                await conversation.DisposeAsync();
            }
        });
        return [.. open];
    }

    private async Task RunJourneysAsync(List<LoadConversation> conversations, ConcurrentBag<(int, double)> roundTrips, CancellationToken cancellationToken)
    {
        await Parallel.ForEachAsync(conversations, new ParallelOptions { MaxDegreeOfParallelism = settings.JourneyConcurrency, CancellationToken = cancellationToken }, async (conversation, token) =>
        {
            JsonElement? previous = null;
            for (var index = 0; index < journey.Turns.Count; index++)
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
                timeout.CancelAfter(settings.TurnTimeout);
                try
                {
                    var (reply, ms) = await conversation.SendAsync(journey.Turns[index], previous, timeout.Token);
                    roundTrips.Add((index, ms));
                    previous = reply;
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !token.IsCancellationRequested)
                {
                    Fail(ref _turnErrors, exception, timeout.IsCancellationRequested);
                    return; // the rest of this journey depends on the missing reply
                }
            }
        });
    }

    private async Task<int> SamplePeakThreadsAsync(CancellationToken cancellationToken)
    {
        var peak = 0;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                peak = Math.Max(peak, target.ReadThreadCount());
                await Task.Delay(100, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }

        return peak;
    }

    private static async Task CloseAsync(List<LoadConversation> conversations)
    {
        foreach (var batch in conversations.Chunk(100))
        {
            await Task.WhenAll(batch.Select(conversation => conversation.DisposeAsync().AsTask()));
        }
    }

    private void Fail(ref int counter, Exception exception, bool timedOut)
    {
        if (timedOut)
        {
            Interlocked.Increment(ref _timeouts);
            _errors.Add("timeout");
            return;
        }

        Interlocked.Increment(ref counter);
        if (_errors.Count < 20)
        {
            _errors.Add($"{exception.GetType().Name}: {exception.Message}");
        }
    }
}
