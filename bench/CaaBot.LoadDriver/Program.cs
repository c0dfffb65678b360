using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using CaaBot.LoadDriver;
using CaaBot.LoadDriver.Hosting;
using CaaBot.LoadDriver.Http;
using CaaBot.LoadDriver.Peer;
using CaaBot.LoadDriver.Reporting;

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

// "peer <url>": this program as the bare WebSocket peer, started as its own process by the driver below.
if (args is ["peer", var peerUrl])
{
    return await BareWebSocketPeer.RunAsync(peerUrl, stop.Token);
}

// "bare-http <url>": this program as the bare POST /api/messages endpoint (the HTTP ceiling).
if (args is ["bare-http", var bareUrl])
{
    return await BareHttpPeer.RunAsync(bareUrl, stop.Token);
}

// "http [options]": POST /api/messages with expectReplies against the bare endpoint, the botbuilder-js peer and CaaBot,
// then CaaBot's memory with many active conversations and its time to first answer (bench/run-http-load.sh).
if (args is ["http", .. var httpArgs])
{
    if (await HttpRunAsync(httpArgs, "http-load.json", "bench/run-http-load.sh") is not { } httpRun)
    {
        return 1;
    }

    var (httpSettings, httpLogs) = httpRun;

    stop.CancelAfter(TimeSpan.FromMinutes(20));
    return await new HttpBenchmark(httpSettings, httpLogs, Console.Out).RunAsync(stop.Token);
}

// "burst [options]": the outage, 2,000 people with one code escalating at once (bench/run-burst.sh).
if (args is ["burst", .. var burstArgs])
{
    if (await HttpRunAsync(burstArgs, "burst.json", "bench/run-burst.sh") is not { } burstRun)
    {
        return 1;
    }

    var (http, burstLogs) = burstRun;

    stop.CancelAfter(TimeSpan.FromMinutes(10));
    return await new BurstBenchmark(BurstSettings.Parse(burstArgs, http), new HttpBenchmark(http, burstLogs, Console.Out), burstLogs, Console.Out).RunAsync(stop.Token);
}

var root = FindRepositoryRoot(AppContext.BaseDirectory);
var settings = LoadSettings.Parse(
    args,
    Path.Combine(root, "src", "CaaBot.Web", "bin", "Release", "net10.0", "CaaBot.Web.dll"),
    Path.Combine(root, "bench", "results", "directline-websocket-load.md"));
if (!File.Exists(settings.HostDll))
{
    await Console.Error.WriteLineAsync($"No CaaBot.Web build at {settings.HostDll}; build Release first (bench/run-directline-load.sh does).");
    return 1;
}

// Bounded in time as a whole, whatever the targets do.
stop.CancelAfter(TimeSpan.FromMinutes(40));
var logs = Path.Combine(Path.GetDirectoryName(settings.Output)!, "logs");
Directory.CreateDirectory(logs);
var loadAtStart = ReportWriter.LoadAverage();
var startedAt = TimeProvider.System.GetUtcNow();
var results = new List<LoadResult>();
foreach (var count in settings.Counts)
{
    // The peer first, then CaaBot, at each count: both see about the same moment of the machine's other load.
    results.Add(await MeasurePeerAsync(count));
    results.Add(await MeasureCaaBotAsync(count));
}

var loadAtEnd = ReportWriter.LoadAverage();
var markdown = ReportWriter.Markdown(results, settings, startedAt, loadAtStart, loadAtEnd);
await File.WriteAllTextAsync(settings.Output, markdown, stop.Token);
// The same figures as JSON next to it, for bench/summary.js (bench/run-all.sh).
await File.WriteAllTextAsync(
    Path.ChangeExtension(settings.Output, ".json"),
    JsonSerializer.Serialize(
        new
        {
            startedAt,
            loadAtStart,
            loadAtEnd,
            cores = Environment.ProcessorCount,
            settings.JourneyConcurrency,
            // A projection: the serializer refuses LoadResult itself (required members it cannot set, such as ByTurn's tuples).
            results = results.Select(r => new
            {
                r.Target, r.Connections, r.Connected, r.ConnectMs, r.RampSeconds, r.RoundTripMs, r.TurnsCompleted, r.JourneySeconds,
                r.ConnectErrors, r.TurnErrors, r.Timeouts, r.ForeignActivities, r.RssBeforeBytes, r.RssConnectedBytes, r.RssAfterJourneyBytes,
                r.JourneyCpuSeconds, r.ThreadsBeforeJourney, r.ThreadsPeakInJourney, r.ErrorSamples,
            }),
        },
        new JsonSerializerOptions { WriteIndented = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals }),
    stop.Token);
Console.WriteLine();
Console.WriteLine(markdown);
Console.WriteLine($"wrote {settings.Output}");
return results.Any(result => result.ForeignActivities > 0) ? 2 : 0;

async Task<LoadResult> MeasurePeerAsync(int count)
{
    var port = TargetProcess.FreeLoopbackPort();
    var url = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
    Console.WriteLine($"== bare WebSocket peer, {count} connections (port {port})");
    await using var target = await TargetProcess.StartAsync(
        typeof(BareWebSocketPeer).Assembly.Location, ["peer", url], port, new Dictionary<string, string>(), Path.Combine(logs, $"peer-{count}.log"), stop.Token);
    return await new LoadRun(target, Journey.BarePeer, settings, Console.Out).RunAsync("bare peer", count, stop.Token);
}

async Task<LoadResult> MeasureCaaBotAsync(int count)
{
    var port = TargetProcess.FreeLoopbackPort();
    var data = Directory.CreateTempSubdirectory("caabot-load-");
    Console.WriteLine($"== CaaBot.Web, {count} connections (port {port}, data {data.FullName})");
    try
    {
        // Load-run settings reach only this process, through its environment; the shipped defaults stay as they are.
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
            ["CaaBot__DataDirectory"] = data.FullName,
            ["CaaBot__Storage"] = "Sqlite",
            ["CaaBot__DirectLine__AllowAnonymous"] = "true",
            ["CaaBot__DirectLine__TokenSigningKey"] = "base64:" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            // Every client of the run shares 127.0.0.1: the per-address window would otherwise throttle the run itself.
            ["CaaBot__DirectLine__RateLimit__PermitsPerAddress"] = "10000000",
        };
        foreach (var (name, value) in settings.HostEnvironment)
        {
            environment[name] = value;
        }

        await using var target = await TargetProcess.StartAsync(settings.HostDll, [], port, environment, Path.Combine(logs, $"caabot-{count}.log"), stop.Token);
        return await new LoadRun(target, Journey.CaaBot, settings, Console.Out).RunAsync("CaaBot", count, stop.Token);
    }
    finally
    {
        data.Delete(recursive: true);
    }
}

// The settings both HTTP modes share (the Release host, the peer, bench/results/<resultFile>) and their logs folder;
// null, after saying so, when there is no Release build of the host to start.
static async Task<(HttpSettings Settings, string Logs)?> HttpRunAsync(string[] modeArgs, string resultFile, string script)
{
    var repository = FindRepositoryRoot(AppContext.BaseDirectory);
    var settings = HttpSettings.Parse(
        modeArgs,
        Path.Combine(repository, "src", "CaaBot.Web", "bin", "Release", "net10.0", "CaaBot.Web.dll"),
        Path.Combine(repository, "bench", "js-peer", "server.js"),
        Path.Combine(repository, "bench", "results", resultFile));
    if (!File.Exists(settings.HostDll))
    {
        await Console.Error.WriteLineAsync($"No CaaBot.Web build at {settings.HostDll}; build Release first ({script} does).");
        return null;
    }

    var logs = Path.Combine(Path.GetDirectoryName(settings.Output)!, "logs");
    Directory.CreateDirectory(logs);
    return (settings, logs);
}

static string FindRepositoryRoot(string start)
{
    for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "CaaBot.sln")))
        {
            return directory.FullName;
        }
    }

    throw new InvalidOperationException($"No CaaBot.sln above {start}.");
}
