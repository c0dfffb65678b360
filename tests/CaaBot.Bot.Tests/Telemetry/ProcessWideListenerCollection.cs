namespace CaaBot.Bot.Tests.Telemetry;

/// <summary>Tests that listen to the process-wide <c>CaaBot</c> meter run alone, so no other test's turns are counted.</summary>
[CollectionDefinition(nameof(ProcessWideListenerCollection), DisableParallelization = true)]
public sealed class ProcessWideListenerCollection;
