using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using CaaBot.LoadDriver.Hosting;
using CaaBot.LoadDriver.Reporting;

namespace CaaBot.LoadDriver.Http;

/// <summary>
/// <c>CaaBot.LoadDriver burst</c>: the outage. A fresh CaaBot.Web host (as <see cref="HttpBenchmark"/> starts it) is
/// warmed up with the troubleshooting journey, then <see cref="BurstSettings.Users"/> people, <see cref="BurstSettings.Concurrency"/>
/// at a time, report the same code and go straight to a person (<see cref="OutageJourney"/>) as fast as the host answers.
/// Reports turn latency p50/p99 and turns/s during the burst, the escalation turn on its own, and how many got a ticket of
/// their own (before the incident threshold) or joined the incident; every answer is checked. Writes JSON.
/// </summary>
internal sealed class BurstBenchmark(BurstSettings burst, HttpBenchmark host, string logs, TextWriter progress)
{
    private static readonly JsonSerializerOptions ReportJson = new() { WriteIndented = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var loadAtStart = ReportWriter.LoadAverage();
        var startedAt = TimeProvider.System.GetUtcNow();
        using var data = new TempDirectory();
        var port = TargetProcess.FreeLoopbackPort();
        var environment = host.HostEnvironment(data.Path, port);
        environment["CaaBot__Helpdesk__Incidents__Threshold"] = burst.Threshold.ToString(CultureInfo.InvariantCulture);
        progress.WriteLine($"== CaaBot outage burst: {burst.Users} people, {burst.Concurrency} at once, threshold {burst.Threshold} (port {port})");
        await using var target = await TargetProcess.StartAsync(host.Host(), port, environment, Path.Combine(logs, "burst-caabot.log"), cancellationToken);
        using var http = HttpBenchmark.Client(burst.Concurrency);
        var messages = new Uri(target.BaseUri, "api/messages");

        // Warm-up on another code without escalating, so the burst's code starts with no reports.
        var warm = await new HttpLoadRun(target, HttpJourney.Troubleshooting, "api/messages", http).FillAsync(burst.WarmupConversations, HttpJourney.Troubleshooting.Turns.Count, 8, cancellationToken);
        progress.WriteLine($"  warm-up: {burst.WarmupConversations} troubleshooting journeys, {warm} errors");

        var turns = OutageJourney.Escalation.Turns;
        var latencies = Enumerable.Range(0, turns.Count).Select(_ => new ConcurrentBag<double>()).ToArray();
        var errors = new ConcurrentQueue<string>();
        var errorCount = 0;
        var ownTickets = 0;
        var joined = 0;
        var cpuBefore = target.ReadCpuTime();
        var clock = Stopwatch.StartNew();
        await Parallel.ForAsync(0, burst.Users, new ParallelOptions { MaxDegreeOfParallelism = burst.Concurrency, CancellationToken = cancellationToken }, async (person, token) =>
        {
            var conversation = new ExpectRepliesConversation(http, messages, $"burst-{person}", $"burst-user-{person}");
            IReadOnlyList<JsonElement> replies = [];
            try
            {
                for (var index = 0; index < turns.Count; index++)
                {
                    (replies, var ms) = await conversation.SendAsync(turns[index], replies, token);
                    latencies[index].Add(ms);
                }

                Interlocked.Increment(ref HttpJourney.AnyText(replies, OutageJourney.AlreadyKnowsText) ? ref joined : ref ownTickets);
            }
            catch (Exception exception) when (exception is JourneyCheckException or HttpRequestException or InvalidOperationException or JsonException
                || (exception is TaskCanceledException && !token.IsCancellationRequested))
            {
                if (Interlocked.Increment(ref errorCount) <= 5)
                {
                    errors.Enqueue($"{exception.GetType().Name}: {exception.Message}");
                }
            }
        });
        var seconds = clock.Elapsed.TotalSeconds;
        var cpu = target.ReadCpuTime() - cpuBefore;
        var all = latencies.SelectMany(bag => bag).ToList();
        var report = new BurstReport
        {
            StartedAt = startedAt,
            Cores = HttpBenchmark.MachineCores(),
            LoadAtStart = loadAtStart,
            LoadAtEnd = ReportWriter.LoadAverage(),
            Storage = burst.Http.StorageName,
            Users = burst.Users,
            Concurrency = burst.Concurrency,
            Threshold = burst.Threshold,
            Seconds = seconds,
            Turns = all.Count,
            LatencyMs = Percentiles.Of(all),
            EscalationLatencyMs = Percentiles.Of([.. latencies[^1]]),
            TargetCpuSeconds = cpu.TotalSeconds,
            OwnTickets = ownTickets,
            Joined = joined,
            Errors = errorCount,
            ErrorSamples = [.. errors],
        };
        progress.WriteLine($"  {report.Users} people in {seconds:F1} s: {report.TurnsPerSecond:F0} turns/s, p50 {report.LatencyMs.P50:F2} ms, p99 {report.LatencyMs.P99:F2} ms "
            + $"(escalation turn p50 {report.EscalationLatencyMs.P50:F2} ms, p99 {report.EscalationLatencyMs.P99:F2} ms); "
            + $"{ownTickets} tickets of their own, {joined} joined the incident, {errorCount} errors{(errors.IsEmpty ? string.Empty : " — " + string.Join("; ", errors))}");
        await File.WriteAllTextAsync(burst.Http.Output, JsonSerializer.Serialize(report, ReportJson), cancellationToken);
        progress.WriteLine($"wrote {burst.Http.Output}");
        return errorCount > 0 || joined == 0 ? 2 : 0;
    }
}
