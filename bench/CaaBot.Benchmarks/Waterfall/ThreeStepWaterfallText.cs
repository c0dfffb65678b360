namespace CaaBot.Benchmarks.Waterfall;

/// <summary>The wording of the benchmark flow; identical to bench/js-peer/bot.js so both sides send the same bytes.</summary>
public static class ThreeStepWaterfallText
{
    public const string NamePrompt = "What's your name?";

    public const string CountPrompt = "How many devices?";

    public static string Summary(string name, int count) => $"Thanks {name}, {count} device(s) noted.";
}
