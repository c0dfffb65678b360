using System.Globalization;
using System.Text.Json;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using BenchmarkDotNet.Validators;
using CaaBot.Benchmarks;

// A short job so the comparison finishes in a few minutes on 2 cores. In-process: BenchmarkDotNet's generated
// project would otherwise inherit the repository's warnings-as-errors build rules.
var artifacts = args.Length > 0 ? args[0] : Path.Combine(Environment.CurrentDirectory, "BenchmarkDotNet.Artifacts");
var config = ManualConfig.CreateEmpty()
    .AddJob(Job.Default
        .WithToolchain(InProcessEmitToolchain.Instance)
        .WithLaunchCount(1)
        .WithWarmupCount(5)
        .WithIterationCount(15))
    .AddColumnProvider(DefaultColumnProviders.Instance)
    .AddDiagnoser(MemoryDiagnoser.Default)
    .AddLogger(ConsoleLogger.Default)
    .AddExporter(MarkdownExporter.GitHub)
    .AddValidator(JitOptimizationsValidator.FailOnError)
    .WithArtifactsPath(artifacts);

var summary = BenchmarkRunner.Run<WaterfallConversationBenchmark>(config);
var report = summary.Reports.SingleOrDefault(candidate => candidate.BenchmarkCase.Descriptor.WorkloadMethod.Name == nameof(WaterfallConversationBenchmark.WholeConversationAsync));
var baseline = summary.Reports.SingleOrDefault(candidate => candidate.BenchmarkCase.Descriptor.WorkloadMethod.Name == nameof(WaterfallConversationBenchmark.ThreeTurnsWithoutDialogAsync));
if (report?.ResultStatistics is not { } statistics)
{
    await Console.Error.WriteLineAsync("The benchmark produced no result; see the log above.");
    return 1;
}

// One machine-readable line, the same shape bench/js-peer/inprocess.js prints, for bench/run-engine-vs-botbuilder.sh.
var meanMs = statistics.Mean / 1_000_000d;
Console.WriteLine(JsonSerializer.Serialize(new
{
    engine = "caabot",
    dotnet = Environment.Version.ToString(),
    scenario = "waterfall-3-step",
    meanMsPerConversation = Math.Round(meanMs, 5),
    medianMsPerConversation = Math.Round(statistics.Median / 1_000_000d, 5),
    stdDevMs = Math.Round(statistics.StandardDeviation / 1_000_000d, 5),
    turnsPerSecond = Math.Round(3_000 / meanMs),
    allocatedBytesPerConversation = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase),
    iterations = statistics.N,
    pipelineOnlyMsPerConversation = baseline?.ResultStatistics is { } pipeline ? Math.Round(pipeline.Mean / 1_000_000d, 5) : (double?)null,
}));
return 0;
