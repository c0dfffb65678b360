namespace CaaBot.Benchmarks.Waterfall;

/// <summary>What <see cref="ThreeStepWaterfallDialog"/> remembers between turns.</summary>
public sealed record ThreeStepWaterfallState(string? Name = null);
