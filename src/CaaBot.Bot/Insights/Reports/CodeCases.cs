namespace CaaBot.Bot.Insights.Reports;

/// <summary>How many cases were about <paramref name="Code"/> (<c>none</c>: the user had no code).</summary>
public sealed record CodeCases(string Code, int Cases);
