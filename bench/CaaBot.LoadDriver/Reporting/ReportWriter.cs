using System.Globalization;
using System.Text;

namespace CaaBot.LoadDriver.Reporting;

/// <summary>Writes bench/results/directline-websocket-load.md: the figures per target and count, and CaaBot's ratios against the bare peer.</summary>
internal static class ReportWriter
{
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    public static string Markdown(IReadOnlyList<LoadResult> results, LoadSettings settings, DateTimeOffset startedAt, string loadAtStart, string loadAtEnd)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(settings);
        var text = new StringBuilder();
        Line(text, "# Direct Line over WebSocket: N concurrent conversations, CaaBot vs a bare ASP.NET Core WebSocket peer");
        Line(text);
        Line(text, $"Produced by `bench/run-directline-load.sh` on {startedAt:yyyy-MM-dd HH:mm} UTC. Machine: {Environment.ProcessorCount} cores ({Cpu()}), "
            + $".NET {Environment.Version}; load average {loadAtStart} at the start and {loadAtEnd} at the end (anything near or above the core count "
            + "means other work shared the CPU, so compare the ratios, which were measured in the same minutes, more than the absolute figures).");
        Line(text);
        Line(text, "Each target runs as its own process on 127.0.0.1, freshly started for each N; the driver (also on this machine) opens N "
            + "conversations the way Web Chat does (token, conversation, WebSocket, welcome), holds all N sockets open, then runs a 3-turn journey on "
            + $"every conversation with at most {settings.JourneyConcurrency} conversations mid-journey at once while the other sockets stay open: \"hi\" → "
            + "triage prompt, \"0xCAA20004 on windows\" → step 1 card, a click on its \"Still broken, next step\" button (Web Chat's postBack) → step 2 "
            + "card. A round trip is POST sent → the bot's reply to that activity (replyToId = the echo's id) arrives on the WebSocket; CaaBot's "
            + "replies are checked for the expected text. Memory per connection = (RSS with N idle open conversations − RSS after warm-up) / N, "
            + $"read from /proc/<pid>/status; {settings.WarmupConversations} warm-up conversations first, {settings.SettleTime.TotalSeconds:F0} s settle before each reading.");
        Line(text);
        Line(text, "The peer is the ceiling for \"HTTP POST in → WebSocket message out\" on this machine: the same URL shapes, no tokens, no storage, "
            + "no bot; it parses the posted activity and sends it back with one fixed reply over the socket at once. CaaBot runs the real host "
            + "(Production, SQLite in a fresh temp directory, anonymous tokens, the per-address rate limit raised because every client is 127.0.0.1).");
        Line(text);
        Line(text, "| target | N | connected | connect p50 / p99 | round trip p50 | p95 | p99 | max | turns/s | errors / timeouts | RSS before → with N open → after journey | memory per connection | target CPU per turn (cores busy) | threads idle → peak |");
        Line(text, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var result in results)
        {
            Line(text, $"| {result.Target} | {result.Connections} | {result.Connected} | {Ms(result.ConnectMs.P50)} / {Ms(result.ConnectMs.P99)} | "
                + $"{Ms(result.RoundTripMs.P50)} | {Ms(result.RoundTripMs.P95)} | {Ms(result.RoundTripMs.P99)} | {Ms(result.RoundTripMs.Max)} | "
                + $"{result.TurnsPerSecond.ToString("F0", CultureInfo.InvariantCulture)} | {result.ConnectErrors + result.TurnErrors} / {result.Timeouts} | "
                + $"{Mb(result.RssBeforeBytes)} → {Mb(result.RssConnectedBytes)} → {Mb(result.RssAfterJourneyBytes)} | {Kb(result.BytesPerConnection)} | {Ms(result.CpuMsPerTurn)} ({(result.JourneySeconds > 0 ? result.JourneyCpuSeconds / result.JourneySeconds : 0).ToString("F2", CultureInfo.InvariantCulture)}) | {result.ThreadsBeforeJourney} → {result.ThreadsPeakInJourney} |");
        }

        Line(text);
        Line(text, "**CaaBot against the bare peer, same run** (× = CaaBot / peer; for turns/s peer / CaaBot, so above 1 means CaaBot is slower):");
        Line(text);
        Line(text, "| N | round trip p50 | round trip p99 | turns/s | target CPU per turn | memory per connection |");
        Line(text, "|---:|---:|---:|---:|---:|---:|");
        foreach (var count in results.Select(result => result.Connections).Distinct())
        {
            var peer = results.FirstOrDefault(result => result.Connections == count && result.Target == "bare peer");
            var ours = results.FirstOrDefault(result => result.Connections == count && result.Target == "CaaBot");
            if (peer is null || ours is null)
            {
                continue;
            }

            Line(text, $"| {count} | {Ratio(ours.RoundTripMs.P50, peer.RoundTripMs.P50)} | {Ratio(ours.RoundTripMs.P99, peer.RoundTripMs.P99)} | "
                + $"{Ratio(peer.TurnsPerSecond, ours.TurnsPerSecond)} | {Ratio(ours.CpuMsPerTurn, peer.CpuMsPerTurn)} | {Ratio(ours.BytesPerConnection, peer.BytesPerConnection)} |");
        }

        Line(text);
        Line(text, "How to read it: the journey is a closed loop with a fixed number of conversations in flight, so a round trip is mostly "
            + "the wait for the CPU the target gets (in flight / turns per second); the target's CPU per turn, read from /proc/<pid>/stat, "
            + "moves least with other people's load. A phase that lasts well under a second (the peer's journeys) gives a rough turns/s. "
            + "Memory per connection is a difference of two RSS readings a few MB apart at small N, so the N = 1,000 figures are the ones to use.");
        Line(text);
        Line(text, "CaaBot's round trips per turn (p50 / p99):");
        Line(text);
        Line(text, "| N | " + string.Join(" | ", results.First(result => result.Target == "CaaBot").ByTurn.Select(turn => turn.Turn)) + " |");
        Line(text, "|---:|" + string.Concat(results.First(result => result.Target == "CaaBot").ByTurn.Select(_ => "---:|")));
        foreach (var ours in results.Where(result => result.Target == "CaaBot"))
        {
            Line(text, $"| {ours.Connections} | " + string.Join(" | ", ours.ByTurn.Select(turn => $"{Ms(turn.RoundTripMs.P50)} / {Ms(turn.RoundTripMs.P99)}")) + " |");
        }

        var problems = results.Where(result => result.ErrorSamples.Count > 0 || result.ForeignActivities > 0).ToList();
        if (problems.Count > 0)
        {
            Line(text);
            Line(text, "Errors seen:");
            Line(text);
            foreach (var result in problems)
            {
                Line(text, $"- {result.Target}, N = {result.Connections}: {result.ForeignActivities} activities on another conversation's socket; "
                    + string.Join("; ", result.ErrorSamples.Distinct()));
            }
        }

        return text.ToString();
    }

    private static void Line(StringBuilder text, string line = "") => text.Append(line).Append('\n');

    private static string Ms(double value) => double.IsNaN(value) ? "—" : value.ToString(value < 10 ? "F2" : "F1", CultureInfo.InvariantCulture) + " ms";

    private static string Mb(long bytes) => (bytes / (1024d * 1024d)).ToString("F1", CultureInfo.InvariantCulture) + " MB";

    private static string Kb(double bytes) => double.IsNaN(bytes) ? "—" : (bytes / 1024d).ToString("F1", CultureInfo.InvariantCulture) + " KB";

    private static string Ratio(double ours, double peer) =>
        double.IsNaN(ours) || double.IsNaN(peer) || peer <= 0 ? "—" : (ours / peer).ToString("F1", CultureInfo.InvariantCulture) + "×";

    private static string Cpu()
    {
        const string prefix = "model name";
        var line = File.Exists("/proc/cpuinfo") ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(candidate => candidate.StartsWith(prefix, StringComparison.Ordinal)) : null;
        return line is null ? "unknown CPU" : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }
}
